/**
 * Kubernetes' `$(VAR)` expansion, as the kubelet applies it to env values, command and args: `$(NAME)` becomes the
 * variable's value when it is defined and stays as written when it is not; `$$` is an escaped `$`; any other `$`
 * is kept.
 */
export function expandReferences(text: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const next = text[i + 1];
    if (char !== "$" || next === undefined) {
      out += char;
      i += 1;
    } else if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "(" && text.indexOf(")", i + 2) !== -1) {
      const close = text.indexOf(")", i + 2);
      const name = text.slice(i + 2, close);
      out += lookup(name) ?? `$(${name})`;
      i = close + 1;
    } else {
      // An unclosed `$(` or a `$` before anything else is literal text.
      out += char + next;
      i += 2;
    }
  }
  return out;
}

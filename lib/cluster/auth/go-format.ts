/**
 * The few pieces of Go's formatting that Kubernetes' RBAC messages are built from, so our wording matches the
 * real API server byte for byte: `%q` on a string (strconv.Quote), `%q` on a []string (`["a" "b"]`, space
 * separated), and the byte-wise ordering of `sets.String.List()`.
 */

const namedEscapes: Record<string, string> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** Go's `%q` for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = namedEscapes[ch];
    if (named !== undefined) {
      out += named;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (printable.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/** Go's `%q` for a []string: `["a" "b"]`. */
export function goQuoteList(items: readonly string[] | undefined): string {
  return `[${(items ?? []).map(goQuote).join(" ")}]`;
}

/** Go's string ordering (bytes of UTF-8, which is code point order). */
export function compareGoStrings(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i]!.codePointAt(0) ?? 0) - (y[i]!.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** `sets.NewString(items...).List()`: unique and sorted. */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareGoStrings);
}

/**
 * The message of `utilerrors.NewAggregate(errs)`: one error reads as itself, several as `[a, b]` with
 * duplicates dropped.
 */
export function aggregateMessage(messages: readonly string[]): string {
  if (messages.length === 1) return messages[0]!;
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0]!;
  return `[${unique.join(", ")}]`;
}

/** echo's output for its arguments: `-n` drops the newline, `-e` reads backslash escapes, `-E` does not. */
export function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const flag of args[i]!.slice(1)) {
      if (flag === "n") newline = false;
      else escapes = flag === "e";
    }
  }
  let text = args.slice(i).join(" ");
  if (escapes) {
    const cut = text.indexOf("\\c");
    if (cut >= 0) return unescape(text.slice(0, cut));
    text = unescape(text);
  }
  return newline ? text + "\n" : text;
}

const SIMPLE: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b", E: "\x1b", "\\": "\\" };

/** Backslash escapes as echo -e and printf read them: \n, \t, \0NNN, \xHH, … */
export function unescape(text: string): string {
  return text.replace(/\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/gs, (match, code: string) => {
    if (SIMPLE[code] !== undefined) return SIMPLE[code];
    if (code.startsWith("x")) return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8) & 255);
    return match;
  });
}

/** printf FORMAT ARGS: %s %d %i %f %x %c %%, widths, and the format reused while arguments remain. */
export function printfText(format: string, args: string[]): string {
  let out = "";
  let index = 0;
  do {
    out += unescape(format).replace(/%(-?)(\d*)(?:\.(\d+))?([sdifxXc%b])/g, (_m, left: string, width: string, precision: string | undefined, conv: string) => {
      if (conv === "%") return "%";
      const arg = args[index++] ?? "";
      let text: string;
      if (conv === "d" || conv === "i") text = String(Math.trunc(Number(arg) || 0));
      else if (conv === "f") text = (Number(arg) || 0).toFixed(precision === undefined ? 6 : Number(precision));
      else if (conv === "x" || conv === "X") text = (Math.trunc(Number(arg)) || 0).toString(16)[conv === "X" ? "toUpperCase" : "toLowerCase"]();
      else if (conv === "c") text = arg.slice(0, 1);
      else if (conv === "b") text = unescape(arg);
      else text = precision === undefined ? arg : arg.slice(0, Number(precision));
      const w = Number(width || 0);
      return left ? text.padEnd(w) : text.padStart(w);
    });
  } while (index < args.length && index > 0 && /%[^%]/.test(format));
  return out;
}

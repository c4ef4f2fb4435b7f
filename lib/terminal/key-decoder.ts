/** Raw terminal input (as xterm.js sends it) split into keys: text runs, control keys, escape sequences. */

export type KeyName =
  | "enter" | "backspace" | "delete" | "tab" | "escape" | "insert"
  | "left" | "right" | "up" | "down" | "home" | "end" | "pageup" | "pagedown"
  | "word-left" | "word-right" | "alt-backspace" | "alt-d" | "alt-b" | "alt-f" | "alt-dot"
  | `ctrl-${"a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m" | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z"}`
  | "unknown";

export type Key = { kind: "text"; text: string } | { kind: "key"; name: KeyName };

const TILDE: Record<string, KeyName> = { "1": "home", "2": "insert", "3": "delete", "4": "end", "5": "pageup", "6": "pagedown", "7": "home", "8": "end" };
const FINAL: Record<string, KeyName> = { A: "up", B: "down", C: "right", D: "left", H: "home", F: "end" };

const key = (name: KeyName): Key => ({ kind: "key", name });

/** True for characters that are text: not C0/C1 controls or DEL. */
function printable(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
}

export function decodeKeys(data: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < data.length; ) {
    const { key, length } = decodeKeyAt(data, i);
    if (key) keys.push(key);
    i += length;
  }
  return keys;
}

/** The key starting at `at` (none for ignored input) and how many characters it spans (at least 1). */
export function decodeKeyAt(data: string, at: number): { key?: Key; length: number } {
  const code = data.charCodeAt(at);
  if (printable(code)) {
    let end = at + 1;
    while (end < data.length && printable(data.charCodeAt(end))) end++;
    return { key: { kind: "text", text: data.slice(at, end) }, length: end - at };
  }
  if (code === 0x1b) {
    const [decoded, length] = escape(data, at);
    return { key: decoded, length: Math.max(1, length) };
  }
  if (code === 0x0d) return { key: key("enter"), length: data[at + 1] === "\n" ? 2 : 1 };
  if (code === 0x0a) return { key: key("enter"), length: 1 };
  if (code === 0x7f || code === 0x08) return { key: key("backspace"), length: 1 };
  if (code === 0x09) return { key: key("tab"), length: 1 };
  if (code >= 1 && code <= 26) return { key: key(`ctrl-${String.fromCharCode(code + 96)}` as KeyName), length: 1 };
  // NUL, ^\, ^], ^^, ^_ and C1 controls: nothing.
  return { length: 1 };
}

/** Decodes the escape sequence at `at`; returns the key (or none, for sequences we ignore) and its length. */
function escape(data: string, at: number): [Key | undefined, number] {
  const next = data[at + 1];
  if (next === undefined) return [key("escape"), 1];
  if (next === "[") {
    let end = at + 2;
    while (end < data.length && end - at < 64) {
      const c = data.charCodeAt(end);
      if (c >= 0x40 && c <= 0x7e) break;
      end++;
    }
    if (end >= data.length || end - at >= 64) return [undefined, Math.min(end, data.length) - at];
    const params = data.slice(at + 2, end);
    const final = data[end]!;
    const length = end + 1 - at;
    if (final === "~") {
      const [first] = params.split(";");
      if (first === "200" || first === "201") return [undefined, length];
      const name = TILDE[first ?? ""];
      return [name ? key(name) : undefined, length];
    }
    const name = FINAL[final];
    if (!name) return [undefined, length];
    const ctrl = /;[57]$/.test(params) || /;3$/.test(params);
    if (ctrl && name === "left") return [key("word-left"), length];
    if (ctrl && name === "right") return [key("word-right"), length];
    return [key(name), length];
  }
  if (next === "O") {
    const final = data[at + 2];
    if (final === undefined) return [undefined, 2];
    return [FINAL[final] ? key(FINAL[final]) : undefined, 3];
  }
  if (next === "\x7f" || next === "\b") return [key("alt-backspace"), 2];
  if (next === "b" || next === "f" || next === "d") return [key(`alt-${next}`), 2];
  if (next === ".") return [key("alt-dot"), 2];
  if (next === "\x1b") return [key("escape"), 1];
  // Other Alt+key combinations are ignored.
  return [undefined, 2];
}

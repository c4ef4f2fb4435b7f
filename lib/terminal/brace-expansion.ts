import type { Word } from "./shell-syntax";

const RANGE = /\{(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])\}/;
const LIST = /\{([^{}]*,[^{}]*)\}/;
const MAX_WORDS = 10_000;

/**
 * Bash's brace expansion, before every other expansion: `{1..5}`, `{a..e}`, `{web,db}` in unquoted text make one
 * word per alternative (`dir/{a,b}` → `dir/a dir/b`). Nested braces and steps are not supported.
 */
export function expandBraces(word: Word): Word[] {
  const index = word.findIndex((part) => part.kind === "text" && !part.quoted && (RANGE.test(part.text) || LIST.test(part.text)));
  if (index < 0) return [word];
  const part = word[index] as Extract<Word[number], { kind: "text" }>;
  const match = RANGE.exec(part.text) ?? LIST.exec(part.text)!;
  const alternatives = match[2] !== undefined ? range(match[1]!, match[2]) : match[1]!.split(",");
  const before = part.text.slice(0, match.index);
  const after = part.text.slice(match.index + match[0].length);
  const out: Word[] = [];
  for (const alternative of alternatives) {
    const replaced: Word = [...word.slice(0, index), { kind: "text", text: before + alternative + after, quoted: false }, ...word.slice(index + 1)];
    for (const expanded of expandBraces(replaced)) {
      if (out.length >= MAX_WORDS) return out;
      out.push(expanded);
    }
  }
  return out;
}

function range(from: string, to: string): string[] {
  const numeric = /^-?\d+$/.test(from);
  if (numeric !== /^-?\d+$/.test(to)) return [`{${from}..${to}}`];
  const start = numeric ? Number(from) : from.charCodeAt(0);
  const end = numeric ? Number(to) : to.charCodeAt(0);
  const step = start <= end ? 1 : -1;
  const width = numeric && (/^-?0\d/.test(from) || /^-?0\d/.test(to)) ? Math.max(from.length, to.length) : 0;
  const out: string[] = [];
  for (let n = start; step > 0 ? n <= end : n >= end; n += step) {
    out.push(numeric ? String(n).padStart(width, "0") : String.fromCharCode(n));
    if (out.length >= MAX_WORDS) break;
  }
  return out;
}

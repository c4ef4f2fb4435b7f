import type { Word, WordPart } from "./shell-syntax";

/** A parse that cannot go on; `incomplete` when more input (another line) could still complete it. */
export class Stop extends Error {
  constructor(
    readonly incomplete: boolean,
    message: string,
    /** Set when what is missing is a here-document's body: the line that will end it. */
    readonly heredoc?: { delimiter: string; stripTabs: boolean },
  ) {
    super(message);
  }
}

export const eofQuote = (quote: string) => new Stop(true, `-bash: unexpected EOF while looking for matching \`${quote}'`);
export const unexpected = (token: string) => new Stop(false, `-bash: syntax error near unexpected token \`${token}'`);
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const SPECIAL_PARAM = /^[?$#!0-9@*-]/;

/**
 * The word level of the shell's syntax: quotes, backslashes and `$` expansions, over a source string and a
 * position. shell-parser.ts builds commands, pipelines and lists on top of it.
 */
export class WordScanner {
  protected pos = 0;

  constructor(protected readonly src: string) {}

  protected word(): Word {
    const parts: WordPart[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") parts.push({ kind: "text", text, quoted: false });
      text = "";
    };
    if (this.src[this.pos] === "~" && /^~(\/|$|[ \t\n;|&<>])/.test(this.src.slice(this.pos, this.pos + 2))) {
      parts.push({ kind: "tilde" });
      this.pos++;
    }
    while (!this.atEnd()) {
      const c = this.src[this.pos]!;
      if (" \t\n;|&<>()".includes(c)) break;
      if (c === "\\") {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw new Stop(true, "-bash: unexpected EOF after `\\'");
        this.pos += 2;
        if (next !== "\n") {
          flush();
          parts.push({ kind: "text", text: next, quoted: true });
        }
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw eofQuote("'");
        flush();
        parts.push({ kind: "text", text: this.src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push(...this.doubleQuoted());
      } else if (c === "$" || c === "`") {
        const part = this.dollar(false);
        if (part) {
          flush();
          parts.push(part);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private doubleQuoted(): WordPart[] {
    const parts: WordPart[] = [];
    let text = "";
    for (;;) {
      if (this.atEnd()) throw eofQuote('"');
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\" && '$`"\\\n'.includes(this.src[this.pos + 1] ?? "")) {
        if (this.src[this.pos + 1] !== "\n") text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === "$" || c === "`") {
        const part = this.dollar(true);
        if (part) {
          if (text !== "") parts.push({ kind: "text", text, quoted: true });
          text = "";
          parts.push(part);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    // "" must still produce an (empty) word.
    if (text !== "" || parts.length === 0) parts.push({ kind: "text", text, quoted: true });
    return parts;
  }

  /** `$NAME`, `${…}`, `$(…)`, `` `…` ``; undefined when the `$` is just a character. */
  protected dollar(quoted: boolean): WordPart | undefined {
    const rest = this.src.slice(this.pos + 1, this.pos + 200);
    if (this.src[this.pos] === "`") {
      const end = this.src.indexOf("`", this.pos + 1);
      if (end < 0) throw eofQuote("`");
      const source = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { kind: "command", source, quoted };
    }
    if (rest.startsWith("(")) {
      const end = matchingParen(this.src, this.pos + 2);
      if (end < 0) throw eofQuote(")");
      const source = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { kind: "command", source, quoted };
    }
    if (rest.startsWith("{")) {
      const end = this.src.indexOf("}", this.pos + 2);
      if (end < 0) throw eofQuote("}");
      const inner = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!0-9@*])(?::?-(.*))?$/s.exec(inner);
      if (!m) throw new Stop(false, `-bash: \${${inner}}: bad substitution`);
      const part: WordPart = { kind: "param", name: m[1]!, quoted };
      if (m[2] !== undefined) part.fallback = [{ kind: "text", text: m[2], quoted: true }];
      return part;
    }
    const name = NAME.exec(rest)?.[0] ?? SPECIAL_PARAM.exec(rest)?.[0];
    if (!name) return undefined;
    this.pos += 1 + name.length;
    return { kind: "param", name, quoted };
  }

  /** Reads one `$…` expansion starting at `at` (here-document bodies); undefined if there is none. */
  expansionAt(at: number): { part: WordPart; end: number } | undefined {
    this.pos = at;
    try {
      const part = this.dollar(true);
      return part ? { part, end: this.pos } : undefined;
    } catch {
      return undefined;
    }
  }

  protected skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t" || c === "\r") this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n") this.pos += 2;
      else return;
    }
  }

  protected atEnd(): boolean {
    return this.pos >= this.src.length;
  }
}

/** An unquoted here-document: `$` expansions and `\$`, `` \` ``, `\\` escapes, nothing else. */
export function heredocWord(text: string): Word {
  const parts: WordPart[] = [];
  let buffer = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const expansion = c === "$" || c === "`" ? expansionAt(text, i) : undefined;
    if (c === "\\" && "$`\\".includes(text[i + 1] ?? "")) {
      buffer += text[i + 1];
      i += 2;
    } else if (expansion) {
      if (buffer !== "") parts.push({ kind: "text", text: buffer, quoted: true });
      buffer = "";
      parts.push(expansion.part);
      i = expansion.end;
    } else {
      buffer += c;
      i++;
    }
  }
  if (buffer !== "") parts.push({ kind: "text", text: buffer, quoted: true });
  return parts;
}

function expansionAt(text: string, at: number): { part: WordPart; end: number } | undefined {
  return new WordScanner(text).expansionAt(at);
}

/** The index of the `)` closing a `$(` whose contents start at `from`, skipping quotes and nested parens. */
function matchingParen(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") i++;
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === "\\") i++;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

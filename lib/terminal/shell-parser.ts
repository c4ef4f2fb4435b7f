import type { AndOrList, Assignment, Compound, ParseResult, Pipeline, Redirect, Script, SimpleCommand, Word } from "./shell-syntax";
import { heredocWord, NAME, Stop, unexpected, WordScanner } from "./shell-words";

type HeredocRedirect = Extract<Redirect, { op: "heredoc" }>;

const RESERVED = /^(if|then|elif|else|fi|for|do|done|while|until|in)(?=$|[ \t\n;|&<>()])/;

/**
 * Parses a command line (possibly several lines: continuations and here-document bodies) into a Script.
 * A bash subset: words, quotes, `$` expansions, `$(…)`, pipes, `&&`, `||`, `;`, redirections, here-documents.
 */
export function parseShell(source: string): ParseResult {
  try {
    return { ok: true, script: new Parser(source).script() };
  } catch (error) {
    if (error instanceof Stop) {
      if (!error.incomplete) return { ok: false, incomplete: false, message: error.message };
      const heredoc = error.heredoc && { delimiter: error.heredoc.delimiter, stripTabs: error.heredoc.stripTabs };
      return heredoc ? { ok: false, incomplete: true, message: error.message, heredoc } : { ok: false, incomplete: true, message: error.message };
    }
    throw error;
  }
}

class Parser extends WordScanner {
  private pendingHeredocs: HeredocRedirect[] = [];

  script(): Script {
    const lists: AndOrList[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.atEnd()) break;
      const c = this.src[this.pos]!;
      if (c === "\n") {
        this.newline();
        continue;
      }
      if (c === "#") {
        this.skipComment();
        continue;
      }
      if (c === ";" || c === "&") throw unexpected(this.src.startsWith(";;", this.pos) ? ";;" : c);
      lists.push(this.andOr());
      this.skipBlanks();
      if (this.atEnd()) break;
      const sep = this.src[this.pos]!;
      if (sep === ";" && this.src[this.pos + 1] === ";") throw unexpected(";;");
      if (sep === ";" || sep === "&") this.pos++;
      else if (sep === "\n") this.newline();
      else throw unexpected(sep);
    }
    if (this.pendingHeredocs.length > 0) this.readHeredocBodies();
    return lists;
  }

  private andOr(): AndOrList {
    const list: AndOrList = { first: this.pipeline(), rest: [] };
    for (;;) {
      this.skipBlanks();
      const op = this.src.startsWith("&&", this.pos) ? "&&" : this.src.startsWith("||", this.pos) ? "||" : undefined;
      if (!op) return list;
      this.pos += 2;
      this.skipLinebreaks(op);
      list.rest.push({ op, pipeline: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    this.skipBlanks();
    let negated = false;
    if (this.src[this.pos] === "!" && /[ \t]/.test(this.src[this.pos + 1] ?? "")) {
      negated = true;
      this.pos++;
    }
    const commands = [this.command()];
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] !== "|" || this.src[this.pos + 1] === "|") return { commands, negated };
      this.pos++;
      this.skipLinebreaks("|");
      commands.push(this.command());
    }
  }

  private command(): SimpleCommand {
    const cmd: SimpleCommand = { assignments: [], words: [], redirects: [] };
    this.skipBlanks();
    const reserved = this.reserved();
    if (reserved === "for" || reserved === "while" || reserved === "until" || reserved === "if") {
      this.pos += reserved.length;
      cmd.compound = reserved === "for" ? this.forLoop() : reserved === "if" ? this.ifClause() : this.whileLoop(reserved === "until");
      this.skipBlanks();
      while (this.redirect(cmd)) this.skipBlanks();
      return cmd;
    }
    if (reserved !== undefined && reserved !== "in") throw unexpected(reserved);
    for (;;) {
      this.skipBlanks();
      if (this.atEnd()) break;
      const c = this.src[this.pos]!;
      if (c === "#") {
        this.skipComment();
        break;
      }
      if (c === "\n" || c === ";" || c === "|" || (c === "&" && this.src[this.pos + 1] !== ">")) break;
      if (c === "(" || c === ")") throw unexpected(c);
      if (this.redirect(cmd)) continue;
      const word = this.word();
      const assignment = cmd.words.length === 0 ? asAssignment(word) : undefined;
      if (assignment) cmd.assignments.push(assignment);
      else cmd.words.push(word);
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
      if (this.atEnd()) throw new Stop(true, "-bash: syntax error: unexpected end of file");
      const c = this.src[this.pos]!;
      throw unexpected(c === "\n" ? "newline" : this.src.startsWith("||", this.pos) ? "||" : this.src.startsWith("&&", this.pos) ? "&&" : c);
    }
    return cmd;
  }

  /** The reserved word at the cursor (only meaningful where a command starts). */
  private reserved(): string | undefined {
    return RESERVED.exec(this.src.slice(this.pos, this.pos + 7))?.[1];
  }

  /** Commands up to one of the reserved words that end a compound's part (`do`, `done`, `then`, `fi`, …). */
  private list(terminators: string[]): Script {
    const lists: AndOrList[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.atEnd()) throw new Stop(true, "-bash: syntax error: unexpected end of file");
      const c = this.src[this.pos]!;
      if (c === "\n") this.newline();
      else if (c === "#") this.skipComment();
      else if (c === ";" && lists.length > 0) this.pos++;
      else {
        const word = this.reserved();
        if (word !== undefined && terminators.includes(word)) {
          if (lists.length === 0) throw unexpected(word);
          return lists;
        }
        lists.push(this.andOr());
        this.skipBlanks();
        const sep = this.src[this.pos];
        if (sep === ";" || sep === "&") this.pos++;
        else if (sep !== undefined && sep !== "\n") throw unexpected(sep);
      }
    }
  }

  /** Consumes the reserved word `word` (after blanks and line breaks). */
  private expect(word: string): void {
    for (;;) {
      this.skipBlanks();
      if (this.atEnd()) throw new Stop(true, "-bash: syntax error: unexpected end of file");
      if (this.src[this.pos] !== "\n") break;
      this.newline();
    }
    if (this.reserved() !== word) throw unexpected(this.src.slice(this.pos).split(/[ \t\n;]/)[0] || this.src[this.pos]!);
    this.pos += word.length;
  }

  private forLoop(): Compound {
    this.skipBlanks();
    const name = NAME.exec(this.src.slice(this.pos, this.pos + 256))?.[0];
    if (!name) throw this.atEnd() ? new Stop(true, "-bash: syntax error: unexpected end of file") : unexpected(this.src[this.pos]!);
    this.pos += name.length;
    this.skipBlanks();
    const words: Word[] = [];
    if (this.reserved() === "in") {
      this.pos += 2;
      for (;;) {
        this.skipBlanks();
        if (this.atEnd()) throw new Stop(true, "-bash: syntax error: unexpected end of file");
        const c = this.src[this.pos]!;
        if (c === ";" || c === "\n") break;
        if ("|&<>()".includes(c)) throw unexpected(c);
        words.push(this.word());
      }
    }
    if (this.src[this.pos] === ";") this.pos++;
    this.expect("do");
    const body = this.list(["done"]);
    this.expect("done");
    return { kind: "for", name, words, body };
  }

  private whileLoop(until: boolean): Compound {
    const condition = this.list(["do"]);
    this.expect("do");
    const body = this.list(["done"]);
    this.expect("done");
    return { kind: "while", until, condition, body };
  }

  private ifClause(): Compound {
    const branches: { condition: Script; body: Script }[] = [];
    let otherwise: Script | undefined;
    for (;;) {
      const condition = this.list(["then"]);
      this.expect("then");
      branches.push({ condition, body: this.list(["elif", "else", "fi"]) });
      const next = this.reserved();
      this.pos += next?.length ?? 0;
      if (next === "elif") continue;
      if (next === "else") {
        otherwise = this.list(["fi"]);
        this.expect("fi");
      }
      return otherwise ? { kind: "if", branches, otherwise } : { kind: "if", branches };
    }
  }

  /** Reads a redirection operator at the cursor, if there is one. */
  private redirect(cmd: SimpleCommand): boolean {
    const m = /^(\d?)(&>>|&>|>>|>&|>\||>|<<<|<<-|<<|<&|<)/.exec(this.src.slice(this.pos, this.pos + 5));
    if (!m) return false;
    const op = m[2]!;
    const fd = m[1] ? Number(m[1]) : op.startsWith("<") ? 0 : 1;
    this.pos += m[0].length;
    this.skipBlanks();
    if (op === ">&" || op === "<&") {
      const dup = /^\d/.exec(this.src.slice(this.pos));
      if (dup) {
        this.pos += 1;
        cmd.redirects.push({ fd, op: "dup", to: Number(dup[0]) });
        return true;
      }
      // `>& file` is bash's `&>`.
      const target = this.targetWord(op);
      cmd.redirects.push({ fd: 1, op: ">", target }, { fd: 2, op: "dup", to: 1 });
      return true;
    }
    if (op === "<<<") {
      // A here-string: the word and a newline on stdin.
      const word = this.targetWord(op);
      cmd.redirects.push({ fd: 0, op: "heredoc", delimiter: "", stripTabs: false, expand: true, body: [...word, { kind: "text", text: "\n", quoted: true }] });
      return true;
    }
    if (op === "<<" || op === "<<-") {
      const raw = this.targetWord(op);
      const quoted = raw.some((part) => part.kind !== "text" || part.quoted);
      const delimiter = raw.map((part) => (part.kind === "text" ? part.text : part.kind === "tilde" ? "~" : "$")).join("");
      const heredoc: HeredocRedirect = { fd: 0, op: "heredoc", delimiter, stripTabs: op === "<<-", expand: !quoted, body: [] };
      this.pendingHeredocs.push(heredoc);
      cmd.redirects.push(heredoc);
      return true;
    }
    const target = this.targetWord(op);
    if (op === "&>" || op === "&>>") {
      cmd.redirects.push({ fd: 1, op: op === "&>" ? ">" : ">>", target }, { fd: 2, op: "dup", to: 1 });
    } else {
      cmd.redirects.push({ fd, op: op === ">|" ? ">" : (op as ">" | ">>" | "<"), target });
    }
    return true;
  }

  private targetWord(op: string): Word {
    if (this.atEnd()) throw new Stop(false, "-bash: syntax error near unexpected token `newline'");
    const c = this.src[this.pos]!;
    if ("\n;|&<>()".includes(c)) throw unexpected(c === "\n" ? "newline" : c);
    void op;
    return this.word();
  }

  /** One word: adjacent unquoted, quoted and expanded pieces up to a blank or an operator. */
  private newline(): void {
    this.pos++;
    if (this.pendingHeredocs.length > 0) this.readHeredocBodies();
  }

  /** Reads the bodies of the here-documents opened on the line just ended, one after another. */
  private readHeredocBodies(): void {
    for (const heredoc of this.pendingHeredocs) {
      const lines: string[] = [];
      for (;;) {
        if (this.atEnd()) throw new Stop(true, `-bash: warning: here-document delimited by end-of-file (wanted \`${heredoc.delimiter}')`, heredoc);
        let end = this.src.indexOf("\n", this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (heredoc.stripTabs) line = line.replace(/^\t+/, "");
        if (line === heredoc.delimiter) break;
        lines.push(line);
      }
      const text = lines.length > 0 ? lines.join("\n") + "\n" : "";
      heredoc.body = heredoc.expand ? heredocWord(text) : [{ kind: "text", text, quoted: true }];
    }
    this.pendingHeredocs = [];
  }

  /** After `|`, `&&`, `||` a command may follow on the next line. */
  private skipLinebreaks(op: string): void {
    for (;;) {
      this.skipBlanks();
      if (this.atEnd()) throw new Stop(true, `-bash: syntax error: unexpected end of file after \`${op}'`);
      if (this.src[this.pos] === "#") this.skipComment();
      else if (this.src[this.pos] === "\n") this.newline();
      else return;
    }
  }

  private skipComment(): void {
    const end = this.src.indexOf("\n", this.pos);
    this.pos = end < 0 ? this.src.length : end;
  }
}

function asAssignment(word: Word): Assignment | undefined {
  const first = word[0];
  if (!first || first.kind !== "text" || first.quoted) return undefined;
  const eq = first.text.indexOf("=");
  if (eq <= 0 || !NAME.test(first.text) || NAME.exec(first.text)![0].length !== eq) return undefined;
  const rest = first.text.slice(eq + 1);
  const value: Word = rest === "" ? [] : [{ kind: "text", text: rest, quoted: false }];
  value.push(...word.slice(1));
  return { name: first.text.slice(0, eq), value };
}

import type { Key } from "./key-decoder";

/** Longer lines are refused with one error line, so a runaway paste cannot grow memory without bound. */
export const MAX_LINE_LENGTH = 64 * 1024;

export type EditorEffect =
  | { type: "none" }
  | { type: "submit"; line: string }
  /** Ctrl-C: the line is abandoned. */
  | { type: "interrupt" }
  /** Ctrl-D on an empty line. */
  | { type: "eof" }
  /** Tab: the session looks up completions for the text before the cursor. */
  | { type: "complete" }
  | { type: "clear-screen" }
  /** The line was refused (too long). */
  | { type: "reject"; message: string };

type Search = { query: string; match: number; failed: boolean; original: string; originalCursor: number };

const NONE: EditorEffect = { type: "none" };

/**
 * The line editor's state machine (readline's emacs mode, the part people use): a buffer, a cursor, history,
 * reverse-i-search and a kill buffer. It does no output: line-view.ts draws what `display()` describes.
 */
export class LineEditor {
  buffer = "";
  cursor = 0;
  private historyIndex: number;
  private draft = "";
  private killed = "";
  private overflowed = false;
  private search: Search | undefined;

  /** `history` is shared with the session (oldest first); the editor only reads it. */
  constructor(private readonly history: string[]) {
    this.historyIndex = history.length;
  }

  /** Starts a fresh line. */
  reset(): void {
    this.buffer = "";
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.draft = "";
    this.overflowed = false;
    this.search = undefined;
  }

  /** What to draw: the prompt to use (search replaces it) and the text with its cursor. */
  display(prompt: string): { prompt: string; text: string; cursor: number } {
    if (!this.search) return { prompt, text: this.buffer, cursor: this.cursor };
    const { query, failed } = this.search;
    return { prompt: `(${failed ? "failed " : ""}reverse-i-search)\`${query}': `, text: this.buffer, cursor: this.cursor };
  }

  get searching(): boolean {
    return this.search !== undefined;
  }

  insert(text: string): void {
    const room = MAX_LINE_LENGTH - this.buffer.length;
    if (text.length > room) {
      this.overflowed = true;
      text = text.slice(0, Math.max(0, room));
    }
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }

  handle(key: Key): EditorEffect {
    if (this.search) return this.handleSearch(key);
    if (key.kind === "text") {
      this.insert(key.text);
      return NONE;
    }
    const b = this.buffer;
    switch (key.name) {
      case "enter": {
        const line = this.buffer;
        const overflowed = this.overflowed;
        this.reset();
        if (overflowed) return { type: "reject", message: `-bash: line too long (more than ${MAX_LINE_LENGTH} characters)` };
        return { type: "submit", line };
      }
      case "left":
      case "ctrl-b":
        this.cursor = Math.max(0, this.cursor - 1);
        break;
      case "right":
      case "ctrl-f":
        this.cursor = Math.min(b.length, this.cursor + 1);
        break;
      case "home":
      case "ctrl-a":
        this.cursor = 0;
        break;
      case "end":
      case "ctrl-e":
        this.cursor = b.length;
        break;
      case "word-left":
      case "alt-b":
        this.cursor = wordStart(b, this.cursor);
        break;
      case "word-right":
      case "alt-f":
        this.cursor = wordEnd(b, this.cursor);
        break;
      case "backspace":
        if (this.cursor > 0) {
          this.buffer = b.slice(0, this.cursor - 1) + b.slice(this.cursor);
          this.cursor--;
        }
        break;
      case "delete":
        this.buffer = b.slice(0, this.cursor) + b.slice(this.cursor + 1);
        break;
      case "ctrl-d":
        if (b === "") return { type: "eof" };
        this.buffer = b.slice(0, this.cursor) + b.slice(this.cursor + 1);
        break;
      case "ctrl-k":
        this.kill(this.cursor, b.length);
        break;
      case "ctrl-u":
        this.kill(0, this.cursor);
        break;
      case "ctrl-w":
        this.kill(wordStart(b, this.cursor, /\s/), this.cursor);
        break;
      case "alt-backspace":
        this.kill(wordStart(b, this.cursor), this.cursor);
        break;
      case "alt-d":
        this.kill(this.cursor, wordEnd(b, this.cursor));
        break;
      case "ctrl-y":
        this.insert(this.killed);
        break;
      case "ctrl-t":
        if (this.cursor > 0 && b.length > 1) {
          const at = this.cursor === b.length ? this.cursor - 1 : this.cursor;
          this.buffer = b.slice(0, at - 1) + b[at] + b[at - 1] + b.slice(at + 1);
          this.cursor = Math.min(b.length, at + 1);
        }
        break;
      case "up":
      case "ctrl-p":
        this.recall(this.historyIndex - 1);
        break;
      case "down":
      case "ctrl-n":
        this.recall(this.historyIndex + 1);
        break;
      case "ctrl-r":
        this.search = { query: "", match: this.history.length, failed: false, original: b, originalCursor: this.cursor };
        break;
      case "ctrl-l":
        return { type: "clear-screen" };
      case "ctrl-c":
        this.reset();
        return { type: "interrupt" };
      case "tab":
        return { type: "complete" };
      default:
        break;
    }
    return NONE;
  }

  private kill(from: number, to: number): void {
    if (to <= from) return;
    this.killed = this.buffer.slice(from, to);
    this.buffer = this.buffer.slice(0, from) + this.buffer.slice(to);
    this.cursor = from;
  }

  private recall(index: number): void {
    if (index < 0 || index > this.history.length || index === this.historyIndex) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = index;
    this.buffer = index === this.history.length ? this.draft : this.history[index]!;
    this.cursor = this.buffer.length;
    this.overflowed = false;
  }

  private handleSearch(key: Key): EditorEffect {
    const search = this.search!;
    if (key.kind === "text") {
      search.query += key.text;
      this.findMatch(search.match === this.history.length ? this.history.length - 1 : search.match);
      return NONE;
    }
    switch (key.name) {
      case "ctrl-r":
        this.findMatch(search.match - 1);
        return NONE;
      case "backspace":
        search.query = search.query.slice(0, -1);
        this.findMatch(this.history.length - 1);
        return NONE;
      case "ctrl-g":
      case "ctrl-c":
        this.buffer = search.original;
        this.cursor = search.originalCursor;
        this.search = undefined;
        if (key.name === "ctrl-c") {
          this.reset();
          return { type: "interrupt" };
        }
        return NONE;
      case "escape":
        this.search = undefined;
        return NONE;
      default:
        // Any other key accepts the match and then acts on it, as readline does.
        if (search.match < this.history.length) this.historyIndex = search.match;
        this.search = undefined;
        return this.handle(key);
    }
  }

  /** Finds the newest entry at or before `from` containing the query; keeps the last match if none. */
  private findMatch(from: number): void {
    const search = this.search!;
    if (search.query === "") {
      search.failed = false;
      return;
    }
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--) {
      const at = this.history[i]!.lastIndexOf(search.query);
      if (at >= 0) {
        search.match = i;
        search.failed = false;
        this.buffer = this.history[i]!;
        this.cursor = at;
        return;
      }
    }
    search.failed = true;
  }
}

function wordStart(text: string, from: number, separator = /[^A-Za-z0-9]/): number {
  let i = from;
  while (i > 0 && separator.test(text[i - 1]!)) i--;
  while (i > 0 && !separator.test(text[i - 1]!)) i--;
  return i;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && /[^A-Za-z0-9]/.test(text[i]!)) i++;
  while (i < text.length && /[A-Za-z0-9]/.test(text[i]!)) i++;
  return i;
}

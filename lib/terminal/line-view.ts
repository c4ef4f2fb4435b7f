/** Width of text on screen: ANSI escape sequences take no room. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- matching ESC is the point
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").length;
}

type Shown = { prompt: string; text: string; cursor: number; columns: number };

/**
 * Draws the prompt and the line being edited, wrapped at the terminal width, and moves the cursor where it
 * belongs. It remembers the cursor's row within what it drew, so a redraw can go back to the prompt's first row.
 * Appending at the end (typing) writes only the new characters.
 */
export class LineView {
  private shown: Shown | undefined;
  private cursorRow = 0;

  /** Forgets what is on screen: the next draw starts at the cursor, which must be at column 0. */
  reset(): void {
    this.shown = undefined;
    this.cursorRow = 0;
  }

  draw(prompt: string, text: string, cursor: number, columns: number): string {
    const width = Math.max(1, columns);
    const old = this.shown;
    const promptWidth = visibleLength(prompt);
    const end = position(promptWidth, text, text.length, width);
    const at = position(promptWidth, text, cursor, width);
    this.shown = { prompt, text, cursor, columns: width };
    if (!old || old.prompt !== prompt || old.columns !== width) {
      // Everything from the prompt's first row down.
      let out = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : "";
      out += "\r\x1b[J" + prompt + this.rest(text, 0, end);
      out += move(end, at);
      this.cursorRow = at.row;
      return out;
    }
    const from = position(promptWidth, old.text, old.cursor, width);
    let out = "";
    if (old.text !== text) {
      // Rewrite only from the first changed character: typing mid-line stays cheap.
      let same = 0;
      const limit = Math.min(old.text.length, text.length);
      while (same < limit && old.text.charCodeAt(same) === text.charCodeAt(same)) same++;
      const changed = position(promptWidth, text, same, width);
      out += move(from, changed) + this.rest(text, same, end);
      if (old.text.length > same) out += "\x1b[J";
      out += move(end, at);
    } else out += move(from, at);
    this.cursorRow = at.row;
    return out;
  }

  /** The text from `from` to its end as terminal output, leaving the cursor really at `end` (not pending a wrap). */
  private rest(text: string, from: number, end: { row: number; col: number }): string {
    let out = text.slice(from).replace(/\n/g, "\r\n");
    if (end.col === 0 && end.row > 0 && text.length > from && !text.endsWith("\n")) out += "\r\n";
    return out;
  }

  /** Moves the cursor to the end of the drawn text (where ^C is printed). */
  toEnd(): string {
    const shown = this.shown;
    if (!shown || shown.cursor === shown.text.length) return "";
    const out = this.draw(shown.prompt, shown.text, shown.text.length, shown.columns);
    return out;
  }

  /** Erases what was drawn (from the prompt's first row down) and forgets it; the cursor ends at column 0 there. */
  clear(): string {
    const out = this.shown ? (this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : "") + "\r\x1b[J" : "";
    this.reset();
    return out;
  }

  /** After Enter: moves below the drawn line and forgets it. */
  finish(): string {
    const shown = this.shown;
    let out = "";
    if (shown) {
      const end = position(visibleLength(shown.prompt), shown.text, shown.text.length, shown.columns);
      if (end.row > this.cursorRow) out += `\x1b[${end.row - this.cursorRow}B`;
      out += end.col === 0 && end.row > 0 && !shown.text.endsWith("\n") ? "\r" : "\r\n";
    } else out = "\r\n";
    this.reset();
    return out;
  }
}

/** Cursor motion between two positions of the drawn line. */
function move(from: { row: number; col: number }, to: { row: number; col: number }): string {
  if (from.row === to.row && from.col === to.col) return "";
  let out = "";
  if (to.row < from.row) out += `\x1b[${from.row - to.row}A`;
  else if (to.row > from.row) out += `\x1b[${to.row - from.row}B`;
  if (to.row === from.row && to.col < from.col) return out + `\x1b[${from.col - to.col}D`;
  if (to.row === from.row && to.col > from.col) return out + `\x1b[${to.col - from.col}C`;
  return out + "\r" + (to.col > 0 ? `\x1b[${to.col}C` : "");
}

/** Row and column (from the prompt's first row) of the character index `upTo` in `text`, after the prompt. */
function position(promptWidth: number, text: string, upTo: number, width: number): { row: number; col: number } {
  let row = Math.floor(promptWidth / width);
  let col = promptWidth % width;
  const slice = text.slice(0, upTo);
  let lineStart = 0;
  for (;;) {
    const nl = slice.indexOf("\n", lineStart);
    const segment = (nl < 0 ? slice.length : nl) - lineStart;
    const total = col + segment;
    row += Math.floor(total / width);
    col = total % width;
    if (nl < 0) break;
    row++;
    col = 0;
    lineStart = nl + 1;
  }
  return { row, col };
}

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
    this.shown = { prompt, text, cursor, columns: width };
    if (old && old.prompt === prompt && old.text === text && old.cursor === cursor && old.columns === width) return "";
    // Typing at the end of the line: print just what was added.
    if (old && old.prompt === prompt && old.columns === width && old.cursor === old.text.length && cursor === text.length && text.startsWith(old.text) && !text.includes("\n")) {
      this.cursorRow = end.row;
      return text.slice(old.text.length) + (end.col === 0 && text.length > old.text.length ? "\r\n" : "");
    }
    let out = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : "";
    out += "\r\x1b[J" + prompt + text.replace(/\n/g, "\r\n");
    if (end.col === 0 && end.row > 0 && !text.endsWith("\n")) out += "\r\n";
    const at = position(promptWidth, text, cursor, width);
    if (end.row > at.row) out += `\x1b[${end.row - at.row}A`;
    out += "\r" + (at.col > 0 ? `\x1b[${at.col}C` : "");
    this.cursorRow = at.row;
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

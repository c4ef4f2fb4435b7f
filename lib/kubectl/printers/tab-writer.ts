/**
 * Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3, spaces): each line's cells are aligned in
 * columns; a column is as wide as its widest cell plus 3, at least 6; the last cell of a line is not padded.
 * A line with fewer cells (a blank line) ends a column block, so tables separated by a blank line align apart.
 * `rememberWidths` keeps widths from earlier flushes (watch output continuing under the first table).
 */
export class TabWriter {
  private lines: string[][] = [];
  private remembered: number[] = [];

  constructor(
    private readonly options: { minWidth: number; padding: number; rememberWidths?: boolean } = { minWidth: 6, padding: 3 },
  ) {}

  /** One line of cells (the last cell is written as is). */
  row(cells: string[]): void {
    this.lines.push(cells);
  }

  /** The aligned text of all rows since the last flush, each ending "\n". */
  flush(): string {
    let out = "";
    let start = 0;
    // Blocks: runs of lines that have a cell in column 0 followed by another cell.
    while (start < this.lines.length) {
      let end = start;
      while (end < this.lines.length && (this.lines[end]?.length ?? 0) > 1) end++;
      if (end === start) {
        out += `${(this.lines[start] ?? []).join("")}\n`;
        start++;
        continue;
      }
      out += this.format(this.lines.slice(start, end));
      start = end;
    }
    this.lines = [];
    return out;
  }

  private format(block: string[][]): string {
    const columns = Math.max(...block.map((l) => l.length)) - 1;
    const widths: number[] = [];
    for (let c = 0; c < columns; c++) {
      let width = this.options.minWidth;
      for (const line of block) {
        const cell = line[c];
        if (c < line.length - 1 && cell !== undefined) width = Math.max(width, textWidth(cell) + this.options.padding);
      }
      if (this.options.rememberWidths) width = Math.max(width, this.remembered[c] ?? 0);
      widths.push(width);
    }
    if (this.options.rememberWidths) this.remembered = widths;
    return block
      .map((line) => line.map((cell, c) => (c < line.length - 1 ? cell + " ".repeat(Math.max(0, (widths[c] ?? 0) - textWidth(cell))) : cell)).join("") + "\n")
      .join("");
  }
}

/** Display width: code points (tabwriter counts UTF-8 runes). */
function textWidth(text: string): number {
  return [...text].length;
}

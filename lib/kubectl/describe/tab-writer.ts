/**
 * Column alignment as Go's text/tabwriter does it with kubectl describe's settings (minwidth 0, padding 2,
 * padchar ' ', no flags): every line is split into tab-terminated cells; the text after the last tab is not
 * part of any column. A column block is a run of consecutive lines that all have a cell in that column, and
 * each block gets its own width. A line without any tab ends everything before it (tabwriter flushes there),
 * which is why describe's sections ("Containers:", "Events:") each align on their own.
 */
export function alignTabs(text: string, padding = 2, minWidth = 0): string {
  const lines = text.split("\n");
  const trailing = lines.pop(); // text after the last newline (usually "")
  let out = "";
  let pending: string[][] = [];
  for (const line of lines) {
    const cells = line.split("\t");
    pending.push(cells);
    if (cells.length === 1) {
      out += formatBlock(pending, padding, minWidth);
      pending = [];
    }
  }
  if (trailing !== undefined && trailing !== "") pending.push(trailing.split("\t"));
  out += formatBlock(pending, padding, minWidth);
  // formatBlock ends every line with "\n"; the trailing fragment has none.
  if (trailing !== undefined && trailing !== "") out = out.slice(0, -1);
  return out;
}

const width = (cell: string) => [...cell].length;

function formatBlock(lines: string[][], padding: number, minWidth: number): string {
  const widths: number[][] = lines.map(() => []);
  assignWidths(lines, widths, 0, 0, lines.length, padding, minWidth);
  return lines
    .map((cells, i) =>
      cells
        .map((cell, column) => {
          const target = widths[i]![column];
          return column < cells.length - 1 && target !== undefined ? cell + " ".repeat(Math.max(0, target - width(cell))) : cell;
        })
        .join(""),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** Recursively finds the column blocks for `column` within lines [from, to) and records each block's width. */
function assignWidths(lines: string[][], widths: number[][], column: number, from: number, to: number, padding: number, minWidth: number): void {
  let i = from;
  while (i < to) {
    if (column >= lines[i]!.length - 1) {
      i++;
      continue;
    }
    const start = i;
    let blockWidth = minWidth;
    while (i < to && column < lines[i]!.length - 1) {
      blockWidth = Math.max(blockWidth, width(lines[i]![column]!) + padding);
      i++;
    }
    for (let j = start; j < i; j++) widths[j]![column] = blockWidth;
    assignWidths(lines, widths, column + 1, start, i, padding, minWidth);
  }
}

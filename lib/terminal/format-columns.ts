/**
 * Lays names out in columns filled top to bottom, as ls and bash's completion list do. `decorate` may colour a
 * name (its width is taken from the plain name).
 */
export function formatColumns(names: string[], width: number, decorate: (name: string, index: number) => string = (n) => n): string {
  if (names.length === 0) return "";
  for (let rows = 1; rows <= names.length; rows++) {
    const cols = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)) + 2);
    if (widths.reduce((a, b) => a + b, 0) - 2 > width && rows < names.length) continue;
    let out = "";
    for (let r = 0; r < rows; r++) {
      let line = "";
      for (let c = 0; c < cols; c++) {
        const i = c * rows + r;
        if (i >= names.length) continue;
        const last = c === cols - 1 || (c + 1) * rows + r >= names.length;
        line += decorate(names[i]!, i) + (last ? "" : " ".repeat(widths[c]! - names[i]!.length));
      }
      out += line + "\n";
    }
    return out;
  }
  return names.join("\n") + "\n";
}

/**
 * go-yaml's line folding, applied to YAML written on unbounded lines. go-yaml (emitter best_width 80) breaks a
 * plain or single-quoted scalar at a single space once the line has already passed column 80 — so a line
 * overshoots by up to a word — and continues 2 columns right of where the key (or the `- ` item) starts. The
 * `yaml` package folds before column 80 instead, so its own folding is off and this redoes go-yaml's.
 * Block scalars (`|`) and double-quoted scalars are left alone (kubectl's values rarely fold there).
 */
const bestWidth = 80;

export function foldLikeGoYaml(text: string): string {
  const out: string[] = [];
  let blockParentIndent = -1;
  for (const line of text.split("\n")) {
    const indent = line.length - line.trimStart().length;
    if (blockParentIndent >= 0 && (line.trim() === "" || indent > blockParentIndent)) {
      out.push(line);
      continue;
    }
    blockParentIndent = -1;
    const parsed = splitLine(line);
    if (!parsed) {
      out.push(line);
      continue;
    }
    if (/^[|>]/.test(parsed.value)) {
      blockParentIndent = indent;
      out.push(line);
      continue;
    }
    out.push(line.length > bestWidth && !parsed.value.startsWith('"') ? fold(line, parsed.valueStart, parsed.nodeStart + 2) : line);
  }
  return out.join("\n");
}

/** Where a line's scalar value starts, and the column of the node (key or last `- `) it belongs to. */
function splitLine(line: string): { value: string; valueStart: number; nodeStart: number } | undefined {
  let i = line.length - line.trimStart().length;
  let nodeStart = i;
  while (line.startsWith("- ", i)) {
    nodeStart = i;
    i += 2;
  }
  const key = /^(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s'"#][^:]*?): /.exec(line.slice(i));
  if (key) {
    nodeStart = i;
    i += key[0].length;
  }
  if (i === nodeStart && !line.startsWith("- ", nodeStart)) return undefined;
  return { value: line.slice(i), valueStart: i, nodeStart };
}

function fold(line: string, valueStart: number, continuation: number): string {
  let out = line.slice(0, valueStart);
  let column = valueStart;
  let previousSpace = false;
  const last = line.length - 1;
  for (let i = valueStart; i < line.length; i++) {
    const c = line[i];
    if (c === " ") {
      if (!previousSpace && column > bestWidth && i > valueStart && i < last && line[i + 1] !== " ") {
        out += `\n${" ".repeat(continuation)}`;
        column = continuation;
      } else {
        out += c;
        column++;
      }
      previousSpace = true;
    } else {
      out += c;
      column++;
      previousSpace = false;
    }
  }
  return out;
}

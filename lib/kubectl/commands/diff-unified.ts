/** A unified diff (`diff -u`) of two texts: 3 lines of context, hunks as GNU diff numbers them. */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string): string {
  const a = oldText === "" ? [] : oldText.replace(/\n$/, "").split("\n");
  const b = newText === "" ? [] : newText.replace(/\n$/, "").split("\n");
  const ops = lineOps(a, b);
  if (ops.every((op) => op.kind === " ")) return "";
  let out = `--- ${oldLabel}\n+++ ${newLabel}\n`;
  const context = 3;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === " ") {
      i++;
      continue;
    }
    // A hunk: changes plus up to 3 lines around them, merging changes closer than 2×3 lines.
    let start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length) {
      let next = end;
      while (next < ops.length && ops[next]!.kind !== " ") next++;
      let gap = next;
      while (gap < ops.length && ops[gap]!.kind === " ") gap++;
      if (gap < ops.length && gap - next <= context * 2) end = gap;
      else {
        end = Math.min(ops.length, next + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const oldStart = hunk[0]!.a;
    const newStart = hunk[0]!.b;
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    const range = (from: number, count: number) => (count === 1 ? `${from + 1}` : `${count === 0 ? from : from + 1},${count}`);
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const op of hunk) out += `${op.kind}${op.text}\n`;
    i = end;
    start = end;
  }
  return out;
}

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

/** Line operations from a longest common subsequence table (manifests are small). */
function lineOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", text: a[i]!, a: i++, b: j++ });
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: "+", text: b[j]!, a: i, b: j++ });
    else ops.push({ kind: "-", text: a[i]!, a: i++, b: j });
  }
  // GNU diff lists a change's removals before its additions.
  for (let k = 0; k < ops.length; k++) {
    let end = k;
    while (end < ops.length && ops[end]!.kind !== " ") end++;
    if (end > k) {
      const block = ops.slice(k, end);
      const sorted = [...block.filter((o) => o.kind === "-"), ...block.filter((o) => o.kind === "+")];
      ops.splice(k, end - k, ...sorted);
      k = end;
    }
  }
  return ops;
}

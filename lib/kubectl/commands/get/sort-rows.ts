import { CommandError } from "../../errors";
import { selectJsonPath } from "../../printers/jsonpath";

/** --sort-by's field: `.metadata.name` or `{.metadata.name}`. */
export function sortField(spec: string): string {
  const inner = spec.startsWith("{") && spec.endsWith("}") ? spec.slice(1, -1) : spec;
  if (!inner.startsWith(".")) throw new CommandError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  return inner;
}

/** Stable sort by a field of each object, comparing as kubectl does: numbers by value, text in natural order. */
export function sortByField<T>(items: T[], field: string, objectOf: (item: T) => unknown): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: selectJsonPath(field, objectOf(item))[0] }));
  keyed.sort((a, b) => compareValues(a.key, b.key) || a.index - b.index);
  return keyed.map((k) => k.item);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return naturalCompare(typeof a === "string" ? a : JSON.stringify(a), typeof b === "string" ? b : JSON.stringify(b));
}

/** Natural order (sortorder.NaturalLess): digit runs compare by value, so pod-2 sorts before pod-10. */
export function naturalCompare(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? "";
    const q = y[i] ?? "";
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const diff = Number(p) - Number(q);
      if (diff !== 0) return diff;
      return p.length - q.length;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

import { sortKeys } from "./sort-keys";

/** As kubectl's JSON printer writes: keys sorted, 4-space indent, Go's HTML-safe escapes, a final newline. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value), null, 4)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `${text}\n`;
}

/**
 * JSON as Go's encoding/json writes a map[string]interface{}: keys sorted, `<`, `>`, `&`, U+2028 and U+2029
 * escaped. kubectl stores the last applied manifest in this form, so the annotation matches real kubectl's.
 */
import type { JsonValue } from "../../cluster/api/patch/json-value";

export function goJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return escape(JSON.stringify(value));
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const keys = Object.keys(value).sort(compareBytes);
  return `{${keys.map((key) => `${escape(JSON.stringify(key))}:${goJson(value[key] ?? null)}`).join(",")}}`;
}

/** Go sorts map keys by their UTF-8 bytes; for the keys manifests use this equals code-unit order. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * How Go's fmt prints decoded JSON (`%v`) and names its types, for error messages that must read exactly like
 * the API server's (e.g. `map: map[image:nginx] does not contain declared merge key: name`). Integers print as
 * the API server's int64 values do, other numbers as float64.
 */
import { isJsonObject, type JsonValue } from "./json-value";

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function goFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  const text = String(value);
  // Go writes exponents with a sign and at least two digits: 1e-07, 1.5e+21.
  const match = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  if (!match) return text;
  const [, mantissa, sign, digits] = match;
  return `${mantissa}e${sign}${(digits ?? "").padStart(2, "0")}`;
}

/** `fmt.Sprintf("%v", value)` for a value decoded by encoding/json. */
export function goValue(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return goFloat(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  const entries = Object.keys(value)
    .sort(byCodeUnit)
    .map((key) => `${key}:${goValue(value[key])}`);
  return `map[${entries.join(" ")}]`;
}

/** `reflect.TypeOf(value).String()` for a decoded JSON value. */
export function goTypeName(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (Array.isArray(value)) return "[]interface {}";
  return isJsonObject(value) ? "map[string]interface {}" : "<nil>";
}

/** The Go type name encoding/json uses in "cannot unmarshal X into …" errors. */
export function jsonKindName(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

// How Go prints JSON values that kubectl then shows: fmt's %v for numbers, encoding/json for objects.

/** fmt.Sprint(float64): shortest digits, %e form when the exponent is < -4 or >= 6 (1.5, 1.2345675e+06, 1e-05). */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa = "", expText = "0"] = value.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(value);
}

/** A JSON number as Go's unstructured decoding and fmt print it: integers as int64, others as float64. */
export function goNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value).toString() : goFloat(value);
}

function escapeHTML(json: string): string {
  return json
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, sortKeys(record[k])]),
    );
  }
  return value;
}

/** encoding/json.Marshal: map keys sorted, no spaces, HTML characters escaped. */
export function goJSON(value: unknown): string {
  return escapeHTML(JSON.stringify(sortKeys(value)) ?? "null");
}

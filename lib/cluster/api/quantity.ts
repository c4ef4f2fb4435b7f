/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), exactly: values are whole nano-units
 * in a bigint (Kubernetes rounds anything finer up to 1n when parsing), and the format remembers how the value
 * was written, because the canonical string Kubernetes prints depends on it (`1536Mi`, `1500m`, `1e3`).
 */

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export type Quantity = { readonly nanos: bigint; readonly format: QuantityFormat };

/** The errors ParseQuantity returns, in its words. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuantityError";
  }
}

export const formatWrongMessage =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const suffixMessage = "unable to parse quantity's suffix";
export const numericMessage = "unable to parse numeric part of quantity";

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
/** Larger decimal exponents are refused rather than expanded into enormous integers. */
const MAX_EXPONENT = 1000;

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffixByExponent = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binarySuffixByPower = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

export const zeroQuantity: Quantity = { nanos: 0n, format: "DecimalSI" };

const pow10 = (n: number) => 10n ** BigInt(n);
const abs = (n: bigint) => (n < 0n ? -n : n);

/** n / d rounded away from zero, as Quantity.ScaledValue and ParseQuantity round. */
function divideAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

type Parts = { positive: boolean; num: string; denom: string; suffix: string };

/** parseQuantityString: sign, numerator (leading zeros dropped), denominator, and a suffix of the allowed shape. */
function splitQuantity(str: string): Parts {
  let pos = 0;
  let positive = true;
  if (str[0] === "-" || str[0] === "+") {
    positive = str[0] === "+";
    pos++;
  }
  while (pos < str.length && str[pos] === "0") pos++;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  let start = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || "0";
  let denom = "";
  if (str[pos] === ".") {
    start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && "eEinumkKMGTP".includes(str[pos]!)) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(formatWrongMessage);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  const decimal = decimalSuffixes[suffix];
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: "DecimalSI" };
  const binary = binarySuffixes[suffix];
  if (binary !== undefined) return { base: 2, exponent: binary, format: "BinarySI" };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E") && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) throw new QuantityError(numericMessage);
    return { base: 10, exponent, format: "DecimalExponent" };
  }
  throw new QuantityError(suffixMessage);
}

/** ParseQuantity. JSON numbers (`cpu: 0.5` in YAML) are accepted as Kubernetes' decoder accepts them. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === "number" ? (Number.isFinite(input) ? String(input) : "") : input;
  if (str === "") throw new QuantityError(formatWrongMessage);
  if (str === "0") return zeroQuantity;
  const { positive, num, denom, suffix } = splitQuantity(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;
  const digits = BigInt(num + denom);
  // value = digits × 10^-len(denom) × base^exponent, in nanos and rounded up (away from zero) to a whole nano.
  const tens = 9 - denom.length + (base === 10 ? exponent : 0);
  let amount = base === 2 ? digits << BigInt(exponent) : digits;
  amount = tens >= 0 ? amount * pow10(tens) : divideAwayFromZero(amount, pow10(-tens));
  if (format === "BinarySI" && amount > MAX_INT64 * NANO) amount = MAX_INT64 * NANO;
  // Fractions of one unit cannot be written in binary suffixes.
  if (format === "BinarySI" && amount > 0n && amount < NANO) format = "DecimalSI";
  return { nanos: positive ? amount : -amount, format };
}

/** True for strings Kubernetes would accept as a quantity. */
export function isQuantity(input: unknown): boolean {
  if (typeof input !== "string" && typeof input !== "number") return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
}

/** Quantity.String(): the canonical form, e.g. 1000m → 1, 0.5 → 500m, 1.5Gi → 1536Mi, 1e3 stays 1e3. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI" && (abs(q.nanos) < 1024n * NANO || q.nanos % NANO !== 0n)) format = "DecimalSI";
  if (format === "BinarySI") {
    let value = q.nanos / NANO;
    let power = 0;
    while (abs(value) >= 1024n && value % 1024n === 0n) {
      value /= 1024n;
      power++;
    }
    for (; power >= binarySuffixByPower.length; power--) value *= 1024n;
    return `${value}${binarySuffixByPower[power]}`;
  }
  let mantissa = q.nanos;
  let exponent = -9;
  while (abs(mantissa) >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // Down to a multiple of three, so the suffix is an SI prefix (or a tidy exponent).
  const rest = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(rest);
  exponent -= rest;
  if (format === "DecimalExponent") return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  if (exponent > 18) {
    mantissa *= pow10(exponent - 18);
    exponent = 18;
  }
  return `${mantissa}${decimalSuffixByExponent.get(exponent) ?? ""}`;
}

/** parse then format: how Kubernetes echoes a quantity back after decoding it. */
export function canonicalQuantity(input: string | number): string {
  return formatQuantity(parseQuantity(input));
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Add: the result keeps the left operand's format, unless the left operand is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Quantity.Sub, with the same format rule as addition. */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Quantity.Value(): whole units, rounded away from zero. */
export function quantityValue(q: Quantity): bigint {
  return divideAwayFromZero(q.nanos, NANO);
}

/** Quantity.MilliValue(): thousandths, rounded away from zero. */
export function quantityMilliValue(q: Quantity): bigint {
  return divideAwayFromZero(q.nanos, 1_000_000n);
}

/** resource.NewQuantity(value, format). */
export function quantityOf(value: bigint | number, format: QuantityFormat = "DecimalSI"): Quantity {
  return { nanos: BigInt(value) * NANO, format };
}

/** resource.NewMilliQuantity(value, format). */
export function milliQuantityOf(value: bigint | number, format: QuantityFormat = "DecimalSI"): Quantity {
  return { nanos: BigInt(value) * 1_000_000n, format };
}

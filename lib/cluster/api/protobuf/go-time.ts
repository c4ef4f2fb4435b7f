/** Go's JSON forms of metav1.Time, metav1.MicroTime and metav1.Duration. */

const NANOS_PER_SECOND = 1_000_000_000n;
/** Unix seconds of Go's zero time.Time (year 1), which metav1.Time marshals as null. */
const GO_ZERO_TIME_SECONDS = -62135596800n;
/** time.RFC3339 years: 0000–9999. */
const MIN_SECONDS = -62167219200n;
const MAX_SECONDS = 253402300799n;

/** Normalises seconds+nanos like time.Unix; undefined if Go would call it the zero time. */
function normalise(seconds: bigint, nanos: bigint): { seconds: bigint; nanos: bigint } | undefined {
  let s = seconds + nanos / NANOS_PER_SECOND;
  let n = nanos % NANOS_PER_SECOND;
  if (n < 0n) {
    n += NANOS_PER_SECOND;
    s -= 1n;
  }
  return s === GO_ZERO_TIME_SECONDS && n === 0n ? undefined : { seconds: s, nanos: n };
}

function utcSeconds(seconds: bigint): string {
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new RangeError(`time ${seconds}s is outside years 0–9999`);
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
}

/** metav1.Time: RFC 3339 in UTC to the second, e.g. `2026-01-02T03:04:05Z`; the zero time is null. */
export function formatTime(seconds: bigint, nanos: bigint): string | null {
  const time = normalise(seconds, nanos);
  return time ? `${utcSeconds(time.seconds)}Z` : null;
}

/** metav1.MicroTime: RFC 3339 in UTC with six fractional digits; the zero time is null. */
export function formatMicroTime(seconds: bigint, nanos: bigint): string | null {
  const time = normalise(seconds, nanos);
  if (!time) return null;
  return `${utcSeconds(time.seconds)}.${(time.nanos / 1000n).toString().padStart(6, "0")}Z`;
}

const units: [bigint, string][] = [
  [1n, "ns"],
  [1_000n, "µs"],
  [1_000_000n, "ms"],
];

/** time.Duration.String(): `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return "0s";
  const sign = nanoseconds < 0n ? "-" : "";
  const abs = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  if (abs < NANOS_PER_SECOND) {
    let index = units.length - 1;
    while (index > 0 && abs < (units[index]?.[0] ?? 1n)) index--;
    const [size, unit] = units[index] ?? [1n, "ns"];
    return `${sign}${withFraction(abs, size)}${unit}`;
  }
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const seconds = withFraction(abs % 60_000_000_000n, NANOS_PER_SECOND);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** `value / size` with the remainder as a decimal fraction without trailing zeros, as Go's fmtFrac writes it. */
function withFraction(value: bigint, size: bigint): string {
  const whole = value / size;
  const remainder = value % size;
  if (remainder === 0n) return whole.toString();
  const digits = size.toString().length - 1;
  return `${whole}.${remainder.toString().padStart(digits, "0").replace(/0+$/, "")}`;
}

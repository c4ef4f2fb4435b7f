// Formatting rules of Kubernetes' printers and of apimachinery's duration helpers, re-implemented so cells
// match a real API server's character for character.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's int(x) and integer division: truncation toward zero. */
const trunc = Math.trunc;

/**
 * apimachinery's HumanDuration (AGE, RESTARTS "(5m ago)", DURATION): about 2-3 significant figures, e.g.
 * 59s, 119s, 2m, 2m3s, 9m59s, 10m, 179m, 3h, 3h5m, 7h59m, 8h, 47h, 2d, 2d5h, 7d23h, 8d, 729d, 2y, 2y3d, 7y364d, 8y.
 * Clock skew up to (but excluding) 2 s in the future reads as 0s; beyond that `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    const years = trunc(hours / 24 / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}

/** apimachinery's ShortHumanDuration: one unit only (59s, 1m, 59m, 1h, 23h, 1d, 364d, 1y). */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(hours / 24 / 365)}y`;
}

/**
 * A metav1.Time / MicroTime from JSON (RFC 3339 string), or undefined for Go's zero time (null, absent,
 * unparsable, or year 1).
 */
export function parseTime(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== "string" || value === "") return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  return date.getUTCFullYear() <= 1 ? undefined : date;
}

/** translateTimestampSince: `<unknown>` for the zero time, else HumanDuration(now - t). */
export function timestampSince(value: unknown, now: Date): string {
  const time = parseTime(value);
  return time ? humanDuration(now.getTime() - time.getTime()) : "<unknown>";
}

/** The AGE cell of any object. */
export function age(object: { metadata?: { creationTimestamp?: unknown } }, now: Date): string {
  return timestampSince(object.metadata?.creationTimestamp, now);
}

/** Go's sort.Strings order for ASCII (label keys and values are ASCII). */
function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** labels.Set.String(): `k=v` pairs, sorted as whole strings, comma-joined. */
export function labelsString(labels: Record<string, string> | undefined | null): string {
  return sorted(Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`)).join(",");
}

/** labels.FormatLabels: labelsString, or `<none>` when there are none. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  return labelsString(labels) || "<none>";
}

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

const operators: Record<string, string> = { In: " in ", NotIn: " notin ", Exists: "", DoesNotExist: "" };

/**
 * metav1.LabelSelectorAsSelector(s).String(): requirements sorted by key, `k=v`, `k in (a,b)`, `k notin (a)`,
 * `k`, `!k`. Nil and empty selectors give "" (Nothing / Everything); an unknown operator gives undefined.
 */
export function labelSelectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (!selector) return "";
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const op = operators[operator];
    if (op === undefined) return undefined;
    if (operator === "Exists") requirements.push({ key, text: key });
    else if (operator === "DoesNotExist") requirements.push({ key, text: `!${key}` });
    else requirements.push({ key, text: `${key}${op}(${sorted(values).join(",")})` });
  }
  // Go sorts by key only; a stable sort keeps the (rare) same-key requirements in declaration order.
  return requirements
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
    .map((r) => r.text)
    .join(",");
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return "<error>";
  return text || "<none>";
}

const accessModeShortNames: [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

/** GetAccessModesAsString: short forms in a fixed order (RWO, ROX, RWX, RWOP), duplicates dropped. */
export function accessModesString(modes: readonly string[] | undefined | null): string {
  const present = new Set(modes ?? []);
  return accessModeShortNames
    .filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(",");
}

/** layoutContainerCells: container names and images, each comma-joined. */
export function containerCells(containers: readonly { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? "").join(","), list.map((c) => c.image ?? "").join(",")];
}

/** listWithMoreString: `a,b,c + 2 more...`, or `<unset>` for an empty list. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const text = list.join(",");
  if (more) return `${text} + ${count - max} more...`;
  return text === "" ? "<unset>" : text;
}

/** net.JoinHostPort: IPv6 hosts in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A resource.Quantity's String(): the stored (already canonical) text; Go's zero Quantity prints "0". */
export function quantityString(quantity: unknown): string {
  if (typeof quantity === "string" && quantity !== "") return quantity;
  if (typeof quantity === "number") return String(quantity);
  return "0";
}

/** printBoolPtr: True / False / <unset>. */
export function boolPtrString(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return "<unset>";
  return value ? "True" : "False";
}

/** Go's int64 cell for an optional JSON integer (absent means 0 in the internal types). */
export function int(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? trunc(value) : 0;
}

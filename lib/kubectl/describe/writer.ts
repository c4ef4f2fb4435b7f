import { canonicalQuantity } from "../../cluster/api/quantity";
import { alignTabs } from "./tab-writer";

/**
 * kubectl describe's PrefixWriter: each write is indented by two spaces per level (once, at its start), and
 * the whole text is column-aligned at the end the way Go's tabwriter does it.
 */
export class DescribeWriter {
  private text = "";
  write(level: number, text: string): void {
    this.text += "  ".repeat(level) + text;
  }
  toString(): string {
    return alignTabs(this.text);
  }
}

export type Obj = Record<string, unknown> & { metadata?: Meta };
export type Meta = {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: { kind: string; name: string; controller?: boolean; apiVersion?: string; uid?: string }[];
  finalizers?: string[];
};

/** Reads a nested field without type ceremony: `at(obj, "spec", "replicas")`. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
export const str = (value: unknown): string => (value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value));
export const num = (value: unknown): number => (typeof value === "number" ? value : 0);
export const list = <T = Record<string, unknown>>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
export const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
export const stringOrNone = (s: string): string => (s === "" ? "<none>" : s);
export const goBool = (b: unknown): string => (b === true ? "True" : "False");
/** Go's %v of a []string: `[a b]`. */
export const goList = (items: unknown): string => `[${list<string>(items).join(" ")}]`;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** Go's time.RFC1123Z in UTC (the terminal's kubectl runs with TZ=UTC): `Thu, 26 Nov 2026 11:30:00 +0000`. */
export function rfc1123z(timestamp: unknown): string {
  const d = new Date(str(timestamp));
  if (Number.isNaN(d.getTime())) return "Mon, 01 Jan 0001 00:00:00 +0000";
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** A resource quantity as Go's Quantity.String() prints it. */
export function quantity(value: unknown): string {
  try {
    return canonicalQuantity(typeof value === "number" ? value : str(value));
  } catch {
    return str(value);
  }
}

/** Resource names sorted as kubectl's SortedResourceNames (plain string order). */
export const sortedKeys = (m: unknown): string[] => Object.keys(record(m)).sort();

export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.write(0, "<none>\n");
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

const maxAnnotationLen = 140;
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration";

export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== lastApplied)
    .sort();
  if (keys.length === 0) return w.write(0, "<none>\n");
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = annotations![key]!.replace(/\n$/, "");
    if (value.length + key.length + 2 > maxAnnotationLen || value.includes("\n")) {
      w.write(0, `${key}:\n`);
      for (const line of value.split("\n")) w.write(0, `\t  ${line.length > maxAnnotationLen - 2 ? `${line.slice(0, maxAnnotationLen - 2)}...` : line}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

export function tolerationsMultiline(w: DescribeWriter, title: string, tolerations: unknown, initialIndent = "", innerIndent = "\t"): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const items = [...list(tolerations)].sort((a, b) => (str(a.key) < str(b.key) ? -1 : str(a.key) > str(b.key) ? 1 : 0));
  if (items.length === 0) return w.write(0, "<none>\n");
  items.forEach((t, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    let text = str(t.key);
    if (str(t.value) !== "") text += `=${str(t.value)}`;
    if (str(t.effect) !== "") text += `:${str(t.effect)}`;
    if (str(t.operator) === "Exists" && str(t.value) === "") text += str(t.key) !== "" || str(t.effect) !== "" ? " op=Exists" : "op=Exists";
    if (typeof t.tolerationSeconds === "number") text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** The controller owner as `Kind/name`, or "". */
export function controlledBy(meta: Meta | undefined): string {
  const owner = (meta?.ownerReferences ?? []).find((o) => o.controller === true);
  return owner ? `${owner.kind}/${owner.name}` : "";
}

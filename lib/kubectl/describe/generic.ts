import { describeEvents, eventsFor } from "./events";
import type { Describer } from "./source";
import { type DescribeWriter, DescribeWriter as Writer, annotationsMultiline, labelsMultiline } from "./writer";

const skipped = new Set([".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"]);
const acronyms = new Set(["API", "URL", "UID", "OSB", "GUID"]);

/** Splits camelCase as kubectl's camelcase package does: case changes and letter/digit changes start parts. */
function splitCamel(field: string): string[] {
  const kind = (c: string) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4);
  const runs: string[] = [];
  let last = 0;
  for (const c of field) {
    const k = kind(c);
    if (runs.length > 0 && k === last) runs[runs.length - 1] += c;
    else runs.push(c);
    last = k;
  }
  // An upper-case run followed by lower-case letters gives its last letter to them ("HTTPServer" → HTTP, Server).
  for (let i = 0; i < runs.length - 1; i++) {
    if (kind(runs[i]![0]!) === 2 && kind(runs[i + 1]![0]!) === 1) {
      runs[i + 1] = runs[i]!.slice(-1) + runs[i + 1]!;
      runs[i] = runs[i]!.slice(0, -1);
    }
  }
  return runs.filter((r) => r !== "");
}

/** kubectl 1.35's smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`, `podCIDR` → `Pod Cidr`. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  return splitCamel(field)
    .filter((p) => p !== "_")
    .map((p) => (acronyms.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()))
    .join(" ");
}

// Go's %v of a JSON scalar (objects and lists never reach here).
const goValue = (value: unknown): string => {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return `${value}`;
  return JSON.stringify(value);
};

function printContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skipped.has(path)) continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value as unknown[]) {
        if (child && typeof child === "object" && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${Array.isArray(child) ? `[${(child as unknown[]).map(goValue).join(" ")}]` : goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** For kinds without their own describer (CRDs' objects, DaemonSets…): the object as a labelled tree. */
export const describeGeneric: Describer = async (object, source, options) => {
  const events = options.showEvents ? await eventsFor(source, object, typeof object.kind === "string" ? object.kind : "") : undefined;
  const w = new Writer();
  w.write(0, `Name:\t${object.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${object.metadata?.namespace ?? ""}\n`);
  labelsMultiline(w, "Labels", object.metadata?.labels);
  annotationsMultiline(w, "Annotations", object.metadata?.annotations);
  printContent(w, 0, object, "");
  describeEvents(w, events, options.now);
  return w.toString();
};

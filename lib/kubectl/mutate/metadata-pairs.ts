/**
 * `kubectl label` / `kubectl annotate` arguments and changes: `key=value` sets, `key-` removes; without
 * --overwrite an existing different value is refused. Messages are kubectl's.
 */
import { GeneratorError } from "./generators/generator-error";

export type PairChanges = { set: Map<string, string>; remove: string[] };

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits `TYPE NAME k=v k2-` into resource words and pair words; resources must come first. */
export function splitResourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let first = true;
  for (const arg of args) {
    const isPair = arg.includes("=") || arg.endsWith("-");
    if (isPair) {
      pairs.push(arg);
      first = false;
    } else {
      if (!first) throw new GeneratorError(`all resources must be specified before ${pairType} changes: ${arg}`);
      resources.push(arg);
    }
  }
  return { resources, pairs };
}

export function parseLabelPairs(specs: string[]): PairChanges {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=")) {
      const parts = spec.split("=");
      if (parts.length !== 2) throw new GeneratorError(`invalid label spec: ${spec}`);
      const value = parts[1] ?? "";
      if (value.length > 63 || !LABEL_VALUE.test(value)) {
        const reasons = [
          ...(value.length > 63 ? ["must be no more than 63 characters"] : []),
          ...(!LABEL_VALUE.test(value)
            ? ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
            : []),
        ];
        throw new GeneratorError(`invalid label value: ${JSON.stringify(spec)}: ${reasons.join(";")}`);
      }
      set.set(parts[0] ?? "", value);
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new GeneratorError(`unknown label spec: ${spec}`);
    }
  }
  if (remove.some((key) => set.has(key))) throw new GeneratorError("can not both modify and remove a label in the same command");
  return { set, remove };
}

export function parseAnnotationPairs(specs: string[]): PairChanges {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=") && !spec.startsWith("=")) {
      const eq = spec.indexOf("=");
      set.set(spec.slice(0, eq), spec.slice(eq + 1));
    } else if (spec.endsWith("-") && spec !== "-") {
      remove.push(spec.slice(0, -1));
    } else {
      invalid.push(spec);
    }
  }
  if (invalid.length > 0) throw new GeneratorError(`invalid annotation format: ${invalid.join(", ")}`);
  const both = remove.filter((key) => set.has(key));
  if (both.length > 0) throw new GeneratorError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`);
  return { set, remove };
}

/** The map after the changes, or the refusal kubectl gives without --overwrite. */
export function applyPairs(current: Record<string, string> | undefined, changes: PairChanges, overwrite: boolean, kind: "label" | "annotation"): Record<string, string> {
  const existing = current ?? {};
  if (!overwrite) {
    const clashes = [...changes.set].filter(([key, value]) => key in existing && existing[key] !== value && !(kind === "annotation" && key === "kubernetes.io/change-cause"));
    if (clashes.length > 0) {
      const described = clashes.map(([key]) => `'${key}' already has a value (${existing[key] ?? ""})`);
      // An aggregate of one error prints as that error; of several, as a bracketed list.
      const labelErrors = described.map((d) => `${d}, and --overwrite is false`);
      if (kind === "label") throw new GeneratorError(labelErrors.length === 1 ? (labelErrors[0] ?? "") : `[${labelErrors.join(", ")}]`);
      throw new GeneratorError(`--overwrite is false but found the following declared annotation(s): ${described.join("; ")}`);
    }
  }
  const next: Record<string, string> = { ...existing };
  for (const [key, value] of changes.set) next[key] = value;
  for (const key of changes.remove) delete next[key];
  return next;
}

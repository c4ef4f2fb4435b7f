import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  subtractQuantities,
  zeroQuantity,
  type Quantity,
} from "../quantity";

// corev1.ResourceList and the helpers of k8s.io/apiserver/pkg/quota/v1 (resources.go) that quota and limits use.

export type ResourceList = Map<string, Quantity>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A `{cpu: "500m"}` map from a stored object. Entries that are not quantities are skipped: writes are checked
 * when they are admitted (normalize-resources.ts), so only objects stored before that can hold them.
 */
export function readResourceList(value: unknown): ResourceList {
  const list: ResourceList = new Map();
  if (!isRecord(value)) return list;
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw !== "string" && typeof raw !== "number") continue;
    try {
      list.set(name, parseQuantity(raw));
    } catch {
      // see above
    }
  }
  return list;
}

/** As serialised: canonical strings, keys sorted (Go marshals maps in key order). */
export function writeResourceList(list: ResourceList): Record<string, string> {
  return Object.fromEntries([...list.keys()].sort().map((name) => [name, formatQuantity(list.get(name)!)]));
}

export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, value] of a) {
    const other = b.get(name);
    result.set(name, other ? addQuantities(value, other) : value);
  }
  for (const [name, value] of b) if (!result.has(name)) result.set(name, value);
  return result;
}

/** quota.SubtractWithNonNegativeResult: a − b per resource, never below zero; b's other resources appear as zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, value] of a) {
    const other = b.get(name);
    const difference = other ? subtractQuantities(value, other) : value;
    result.set(name, difference.nanos > 0n ? difference : zeroQuantity);
  }
  for (const name of b.keys()) if (!result.has(name)) result.set(name, zeroQuantity);
  return result;
}

/** quota.Mask: only the named resources. */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const result: ResourceList = new Map();
  for (const name of names) {
    const value = list.get(name);
    if (value) result.set(name, value);
  }
  return result;
}

export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, value]) => value.nanos !== 0n));
}

/** quota.LessThanOrEqual: which resources of `a` exceed the same resource in `b`. */
export function exceededResources(a: ResourceList, b: ResourceList): string[] {
  return [...b].filter(([name, limit]) => {
    const value = a.get(name);
    return value !== undefined && compareQuantities(value, limit) > 0;
  }).map(([name]) => name);
}

/** quota.IsNegative */
export function negativeResources(list: ResourceList): string[] {
  return [...list].filter(([, value]) => value.nanos < 0n).map(([name]) => name);
}

/** The resource quota admission's prettyPrint: `limits.cpu=1,requests.cpu=500m`, sorted. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()].sort().map((name) => `${name}=${formatQuantity(list.get(name)!)}`).join(",");
}

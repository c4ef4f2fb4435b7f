// Reads `spec.template.spec.containers[0].image`-style paths; also `metadata.labels.app\.kubernetes\.io/name`
// is awkward, so a segment may be quoted with brackets: `metadata.labels["app.kubernetes.io/name"]`.
export function parseObjectPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else if (m[3] !== undefined) parts.push(m[3]);
  }
  return parts;
}

export function readObjectPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of parseObjectPath(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // YAML authors write `replicas: 5` and `port: "8080"` interchangeably with the API's numbers and strings.
  if ((typeof a === "number" && typeof b === "string") || (typeof a === "string" && typeof b === "number"))
    return String(a) === String(b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function show(value: unknown): string {
  if (value === undefined) return "unset";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

import type { KubeObject, ObjectKey, WatchQuery } from "./object-store";

/**
 * A revision string as a number. Revisions stay far below 2^53 (a billion writes a day for 25 million years),
 * so plain numbers compare them exactly. A malformed one is the caller's bug (the API validates
 * resourceVersion first), hence RangeError rather than a StoreError.
 */
export function parseRevision(revision: string): number {
  const value = /^\d{1,16}$/.test(revision) ? Number(revision) : NaN;
  if (!Number.isSafeInteger(value)) throw new RangeError(`invalid revision "${revision}"`);
  return value;
}

/** Orders strings by code point, i.e. the byte order of their UTF-8, as etcd orders keys. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 order differs from code-point order only when a surrogate meets U+E000..U+FFFF.
    if (x >= 0xd800 && x <= 0xdfff && y >= 0xe000) return 1;
    if (y >= 0xd800 && y <= 0xdfff && x >= 0xe000) return -1;
    return x - y;
  }
  return a.length - b.length;
}

/** The list order: by namespace, then name. */
export function compareKeys(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return compareCodePoints(a.namespace, b.namespace) || compareCodePoints(a.name, b.name);
}

export function watchMatches(query: WatchQuery, key: ObjectKey): boolean {
  return (
    query.cluster === key.cluster &&
    query.group === key.group &&
    query.resource === key.resource &&
    (query.namespace === undefined || query.namespace === key.namespace) &&
    (query.name === undefined || query.name === key.name)
  );
}

/** Freezes an object graph, so watchers sharing one event cannot change it under each other. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The object as stored: plain JSON (what a database round trip gives), with the store's resourceVersion. */
export function withRevision(object: KubeObject, revision: string): KubeObject {
  const copy = JSON.parse(JSON.stringify(object)) as KubeObject;
  copy.metadata.resourceVersion = revision;
  return copy;
}

/** A list page size: undefined (or 0) means everything. */
export function checkListLimit(limit: number | undefined): number | undefined {
  if (limit === undefined || limit === 0) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`invalid limit ${limit}`);
  return limit;
}

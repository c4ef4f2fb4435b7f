/**
 * JSON values and the few safe operations the patchers share. Keys are always read and written as own data
 * properties, so a document key such as `__proto__` or `constructor` is just a key: it can neither reach nor
 * replace any prototype.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const hasOwn = (object: JsonObject, key: string): boolean => Object.hasOwn(object, key);

export const getOwn = (object: JsonObject, key: string): JsonValue | undefined =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** Sets an own property even for `__proto__`, where plain assignment would swap the object's prototype. */
export function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

export function deleteOwn(object: JsonObject, key: string): void {
  if (Object.hasOwn(object, key)) Reflect.deleteProperty(object, key);
}

/** A deep copy; anything that is not JSON (undefined, functions) is rejected rather than silently changed. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: unknown): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map(cloneValue);
  if (typeof value === "object") {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(copy, key, cloneValue((value as Record<string, unknown>)[key]));
    return copy;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}

/** Structural equality; object key order does not matter. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Size of the value's JSON text in bytes. */
export function jsonByteLength(value: JsonValue): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Removes null-valued keys at every depth, as decoding into Kubernetes' typed structs does. Patches may leave
 * such nulls behind (e.g. a merge-patched list element that carried `"image": null`).
 */
export function dropNullFields<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => dropNullFields(item)) as T;
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== null && item !== undefined) setOwn(out, key, dropNullFields(item));
  }
  return out as T;
}

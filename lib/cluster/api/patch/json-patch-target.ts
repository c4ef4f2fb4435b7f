/**
 * Where a JSON patch operation lands: the container (object or array) holding the last path token, and the
 * container operations with the semantics of the JSON patch library the Kubernetes API server uses
 * (gopkg.in/evanphx/json-patch.v4): negative array indexes count from the end, `-` appends, and a replace
 * of a missing object key sets it.
 */
import { unescapePointerToken } from "./json-pointer";
import { deleteOwn, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "./json-value";

export type Container = JsonObject | JsonValue[];

/** An operation failed; the message is the library's, without the operation context. */
export class TargetError extends Error {}
/** The token is not an integer at all (strconv.Atoi's own error). */
class SyntaxTargetError extends TargetError {}

const INVALID_INDEX = "invalid index referenced";
const MISSING = "missing value";

const invalidIndex = (index: number) => new TargetError(`Unable to access invalid index: ${index}: ${INVALID_INDEX}`);

/** Go's strconv.Atoi. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new SyntaxTargetError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  const value = BigInt(text);
  if (value < -(2n ** 63n) || value >= 2n ** 63n) {
    throw new SyntaxTargetError(`strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  }
  // Past 2^53 no document has such an index; Go reports it like any other index out of range.
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new TargetError(`Unable to access invalid index: ${value}: ${INVALID_INDEX}`);
  }
  return Number(value);
}

/** A negative index counts from the end; `size` is the length it is relative to. */
function fromEnd(index: number, size: number): number {
  if (index >= 0) return index;
  if (index < -size) throw invalidIndex(index);
  return index + size;
}

const isContainer = (value: JsonValue | undefined): value is Container =>
  Array.isArray(value) || isJsonObject(value);

/**
 * Splits the path on "/" and walks every token but the last. The first segment is skipped whatever it holds,
 * so "" has no target and "/" targets the key "" of the root. Undefined when an intermediate value is missing,
 * null or not a container.
 */
export function findTarget(document: Container, path: string): { container: Container; key: string } | undefined {
  const segments = path.split("/");
  if (segments.length < 2) return undefined;
  let container: Container = document;
  for (const segment of segments.slice(1, -1)) {
    let next: JsonValue | undefined;
    try {
      next = getIn(container, unescapePointerToken(segment));
    } catch (error) {
      if (error instanceof TargetError) return undefined;
      throw error;
    }
    if (!isContainer(next)) return undefined;
    container = next;
  }
  return { container, key: unescapePointerToken(segments[segments.length - 1] ?? "") };
}

/** The value at key: undefined for a missing object key; an error for a bad array index. */
export function getIn(container: Container, key: string): JsonValue | undefined {
  if (!Array.isArray(container)) return getOwn(container, key);
  const index = fromEnd(atoi(key), container.length);
  if (index >= container.length) throw invalidIndex(index);
  return container[index];
}

/** Replace semantics: set an existing array index, or any object key. */
export function setIn(container: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return;
  }
  const index = fromEnd(atoi(key), container.length);
  if (index >= container.length) throw invalidIndex(index);
  container[index] = value;
}

/** Add semantics: set an object key, or insert into an array (`-` and the length append). */
export function addIn(container: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(container)) {
    setOwn(container, key, value);
    return;
  }
  if (key === "-") {
    container.push(value);
    return;
  }
  let index: number;
  try {
    index = atoi(key);
  } catch (error) {
    if (error instanceof SyntaxTargetError) {
      throw new TargetError(`value was not a proper array index: '${key}': ${error.message}`);
    }
    throw error;
  }
  const size = container.length + 1;
  if (index >= size) throw invalidIndex(index);
  container.splice(fromEnd(index, size), 0, value);
}

export function removeIn(container: Container, key: string): void {
  if (!Array.isArray(container)) {
    if (!hasOwn(container, key)) throw new TargetError(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    deleteOwn(container, key);
    return;
  }
  const index = atoi(key);
  if (index >= container.length) throw invalidIndex(index);
  container.splice(fromEnd(index, container.length), 1);
}

/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge key by key, `null` deletes a key,
 * anything else (lists included) replaces. One detail follows Kubernetes' library rather than the RFC: when a
 * patch value is placed where nothing of its kind was, nulls inside it are dropped even within objects inside
 * lists (`{"containers":[{"name":"a","image":null}]}` stores `[{"name":"a"}]`).
 */
import { cloneJson, deleteOwn, getOwn, isJsonObject, jsonEqual, setOwn, type JsonObject, type JsonValue } from "./json-value";
import { PatchError, badRequest } from "./patch-error";

export class MergePatchError extends PatchError {}

/** Drops null-valued keys in objects at every depth; nulls directly in lists stay. */
function pruneNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => (item === null ? null : pruneNulls(item)));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== null && item !== undefined) setOwn(out, key, pruneNulls(item));
  }
  return out;
}

function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const key of Object.keys(patch)) {
    const value = patch[key] ?? null;
    if (value === null) {
      deleteOwn(target, key);
      continue;
    }
    const current = getOwn(target, key);
    if (isJsonObject(current) && isJsonObject(value)) setOwn(target, key, mergeInto(current, value));
    else if (isJsonObject(current)) setOwn(target, key, value);
    else setOwn(target, key, pruneNulls(value));
  }
  return target;
}

/**
 * Applies a merge patch to a copy of the document. The patch must be an object (merged) or a list (replaces the
 * document); anything else is refused with 400 `Invalid JSON Patch`, as Kubernetes does.
 */
export function applyMergePatch(document: JsonValue, patch: unknown): JsonValue {
  if (Array.isArray(patch)) return pruneNulls(cloneJson(patch as JsonValue[]));
  if (!isJsonObject(patch)) throw new MergePatchError("Invalid JSON Patch", badRequest);
  const copy = cloneJson(patch);
  if (!isJsonObject(document)) return pruneNulls(copy);
  return mergeInto(cloneJson(document), copy);
}

/**
 * A merge patch that turns `original` into `modified`: changed keys with their new values, removed keys as
 * null, nested objects as nested patches, lists whole. Equal documents give `{}`.
 */
export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(modified)) {
    const after = modified[key] ?? null;
    const before = getOwn(original, key);
    if (before === undefined) {
      setOwn(patch, key, cloneJson(after));
    } else if (isJsonObject(before) && isJsonObject(after)) {
      const nested = createMergePatch(before, after);
      if (Object.keys(nested).length > 0) setOwn(patch, key, nested);
    } else if (!jsonEqual(before, after)) {
      setOwn(patch, key, cloneJson(after));
    }
  }
  for (const key of Object.keys(original)) {
    if (getOwn(modified, key) === undefined) setOwn(patch, key, null);
  }
  return patch;
}

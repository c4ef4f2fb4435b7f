/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), the apply side, as the API server
 * runs it for `kubectl apply` (client-side), `kubectl patch`, `set image`, `rollout restart` and friends:
 * - objects merge key by key; `null` deletes a key;
 * - lists tagged `merge` merge by their merge key (scalar lists as sets); other lists are replaced;
 * - directives: `$patch: replace | delete` on objects, `$patch: delete | replace` as list elements,
 *   `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 * Where the Go code iterates a map, keys are taken in the patch's order. Results keep what the Go code keeps;
 * Kubernetes then decodes into typed structs, which drops nulls and unknown keys — see {@link dropNullFields}.
 */
import { jsonKindName } from "./go-format";
import { cloneJson, deleteOwn, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "./json-value";
import type { PatchMetaLookup } from "./patch-meta";
import { applyRetainKeys, discardNulls, extractKey, mergeSetElementOrder, otherStrategy, removeDirectives } from "./strategic-merge-directives";
import { StrategicMergePatchError, errBadPatchType, errPatchNotAnObject } from "./strategic-merge-errors";
import { mergeList } from "./strategic-merge-list";
import { DIRECTIVE } from "./strategic-merge-order";
import { badRequest } from "./patch-error";

export { StrategicMergePatchError } from "./strategic-merge-errors";

const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

/** Go's reflect type identity for decoded JSON. */
const sameType = (a: JsonValue, b: JsonValue) =>
  a === null || b === null
    ? a === b
    : Array.isArray(a)
      ? Array.isArray(b)
      : isJsonObject(a)
        ? isJsonObject(b)
        : typeof a === typeof b && (typeof a !== "number" || Number.isInteger(a) === Number.isInteger(b));

/** Places a patch value where the original has nothing comparable: nulls dropped, directive-marked parts left out. */
function place(target: JsonObject, key: string, value: JsonValue): void {
  discardNulls(value);
  const [cleaned, keep] = removeDirectives(value);
  if (keep) setOwn(target, key, cleaned);
  else deleteOwn(target, key);
}

function mergeMap(original: JsonObject, patch: JsonObject, path: readonly string[], meta: PatchMetaLookup): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) {
    const directive = getOwn(patch, DIRECTIVE);
    if (directive === "replace") {
      deleteOwn(patch, DIRECTIVE);
      return patch;
    }
    if (directive === "delete") return {};
    throw errBadPatchType(directive, patch);
  }
  const recurse = (o: JsonObject, p: JsonObject, at: readonly string[]) => mergeMap(o, p, at, meta);
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, path, meta, recurse);

  for (const patchKey of Object.keys(patch)) {
    const value = patch[patchKey] ?? null;
    let key = patchKey;
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    if (isDeleteList) key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST) || patchKey;

    if (value === null) {
      deleteOwn(original, key);
      continue;
    }
    const current = getOwn(original, key);
    if (current === undefined || !sameType(current, value)) {
      if (!isDeleteList) place(original, key, value);
      continue;
    }
    const at = [...path, key];
    if (isJsonObject(current) && isJsonObject(value)) {
      const strategy = otherStrategy(meta(at));
      setOwn(original, key, strategy === "replace" ? value : mergeMap(current, value, at, meta));
    } else if (Array.isArray(current) && Array.isArray(value)) {
      const fieldMeta = meta(at);
      setOwn(
        original,
        key,
        mergeList(current, value, {
          path: at,
          strategy: otherStrategy(fieldMeta),
          mergeKey: fieldMeta?.mergeKey ?? "",
          isDeleteList,
          mergeMap: recurse,
        }),
      );
    } else {
      setOwn(original, key, value);
    }
  }
  return original;
}

/**
 * Applies a strategic merge patch to a copy of `original` and returns the copy. A `null` patch changes nothing.
 * Throws {@link StrategicMergePatchError} with the API server's status: 400 for malformed directives and for a
 * patch that is not an object, 422 for lists of lists, 500 (message passed through) for the rest, e.g. a list
 * element without its merge key.
 */
export function applyStrategicMergePatch(original: JsonObject, patch: unknown, meta: PatchMetaLookup): JsonObject {
  if (!isJsonObject(original)) throw new StrategicMergePatchError("invalid JSON document", badRequest);
  if (patch === null || patch === undefined) return cloneJson(original);
  if (!isJsonObject(patch)) throw errPatchNotAnObject(jsonKindName(patch as JsonValue));
  return mergeMap(cloneJson(original), cloneJson(patch), [], meta);
}

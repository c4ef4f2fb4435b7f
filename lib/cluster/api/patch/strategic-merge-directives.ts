/**
 * The map-level directives of strategic merge patch: `$retainKeys` and `$setElementOrder/<list>`, plus the
 * helpers that clean patch values before they are stored.
 */
import { deleteOwn, getOwn, hasOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "./json-value";
import type { PatchMeta, PatchMetaLookup } from "./patch-meta";
import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errNoMergeKey,
  errOrderMismatch,
  errUnexpectedStrategy,
} from "./strategic-merge-errors";
import { mergeListWithView, type MergeMap } from "./strategic-merge-list";
import {
  DIRECTIVE,
  asMap,
  extractToDeleteItems,
  normalizeElementOrder,
  partitionMaps,
  partitionScalars,
  sliceElementKind,
} from "./strategic-merge-order";

const RETAIN_KEYS = "$retainKeys";
const SET_ELEMENT_ORDER = "$setElementOrder";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

/** The field name after `<prefix>/`; a key with another prefix is a malformed directive. */
export function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER ? errBadPatchFormatForSetElementOrderList() : errBadPatchFormatForPrimitiveList();
  }
  return key.slice(slash + 1);
}

/** The strategy besides "retainKeys" ("" when untagged), as apimachinery's extractRetainKeysPatchStrategy. */
export function otherStrategy(meta: PatchMeta | undefined): string {
  const strategies = meta ? meta.strategy.split(",") : [];
  const [first = "", second = ""] = strategies;
  if (strategies.length <= 1) return first === "retainKeys" ? "" : first;
  if (strategies.length === 2 && first === "retainKeys") return second;
  if (strategies.length === 2 && second === "retainKeys") return first;
  throw errUnexpectedStrategy(strategies);
}

/** Drops null-valued keys inside a value placed fresh into the result (in place). */
export function discardNulls(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(discardNulls);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      const item = value[key] ?? null;
      if (item === null) deleteOwn(value, key);
      else discardNulls(item);
    }
  }
}

/** Leaves out every object carrying `$patch` (in place); false when the value itself is one. */
export function removeDirectives(value: JsonValue): [JsonValue, boolean] {
  if (Array.isArray(value)) {
    return [value.flatMap((item) => {
      const [cleaned, keep] = removeDirectives(item);
      return keep ? [cleaned] : [];
    }), true];
  }
  if (!isJsonObject(value)) return [value, true];
  if (hasOwn(value, DIRECTIVE)) return [null, false];
  for (const key of Object.keys(value)) {
    const [cleaned, keep] = removeDirectives(value[key] ?? null);
    if (keep) setOwn(value, key, cleaned);
    else deleteOwn(value, key);
  }
  return [value, true];
}

/**
 * `$retainKeys: [..]`: the original keeps only the listed keys, and the patch may set no others (nulls and
 * list directives aside).
 */
export function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const retain = getOwn(patch, RETAIN_KEYS);
  deleteOwn(patch, RETAIN_KEYS);
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const keys = new Set(retain.filter((item): item is string => typeof item === "string"));
  for (const key of Object.keys(patch)) {
    if (patch[key] === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keys.has(key)) throw errBadPatchFormatForRetainKeys();
  }
  for (const key of Object.keys(original)) if (!keys.has(key)) deleteOwn(original, key);
}

const mergeKeyEqual = (left: JsonValue, right: JsonValue, mergeKey: string): boolean => {
  if (mergeKey === "") return left === right;
  const [l, r] = [asMap(left), asMap(right)];
  if (!hasOwn(l, mergeKey)) throw errNoMergeKey(l, mergeKey);
  if (!hasOwn(r, mergeKey)) throw errNoMergeKey(r, mergeKey);
  return l[mergeKey] === r[mergeKey];
};

/** The patch's elements (deletions aside) must appear in the order list, in the same relative order. */
function validateOrder(patchList: JsonValue[], order: JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p] ?? null;
    if (isJsonObject(item) && hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyEqual(item, order[o] ?? null, mergeKey)) p++;
    o++;
  }
  if (p < items.length) throw errOrderMismatch(patchList, order);
}

const listAt = (object: JsonObject, key: string): JsonValue[] | undefined => {
  if (!hasOwn(object, key)) return undefined;
  const value = object[key] ?? null;
  if (!Array.isArray(value)) throw errBadArgType("slice", value);
  return value;
};

/**
 * `$setElementOrder/<list>: [...]`: merges the list now (if the patch has it) and orders the result: listed
 * elements in the listed order, the server's other elements interleaved by their original positions.
 */
export function mergeSetElementOrder(
  original: JsonObject,
  patch: JsonObject,
  path: readonly string[],
  meta: PatchMetaLookup,
  mergeMap: MergeMap,
): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = getOwn(patch, directiveKey) ?? null;
    deleteOwn(patch, directiveKey);
    if (!Array.isArray(order)) throw errBadArgType("slice", order);
    const key = extractKey(directiveKey, SET_ELEMENT_ORDER);
    const originalList = listAt(original, key);
    const patchList = listAt(patch, key);
    const at = [...path, key];
    const fieldMeta = meta(at);
    const strategy = otherStrategy(fieldMeta);
    const mergeKey = fieldMeta?.mergeKey ?? "";
    validateOrder(patchList ?? [], order, mergeKey);
    let merged: JsonValue[];
    // The original list as Go's code sees it after merging in place (see mergeListWithView).
    let serverOrder = originalList ?? [];
    if (patchList === undefined) {
      if (originalList === undefined) continue;
      merged = originalList;
    } else if (originalList === undefined) {
      merged = removeDirectives(patchList)[0] as JsonValue[];
    } else {
      const options = { path: at, strategy, mergeKey, isDeleteList: false, mergeMap };
      [merged, serverOrder] = mergeListWithView(originalList, patchList, options);
    }
    const [listed, serverOnly] = mergeKey === "" ? partitionScalars(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceElementKind(serverOrder, patchList ?? []);
    setOwn(original, key, normalizeElementOrder(listed, serverOnly, order, serverOrder, mergeKey, kind));
    deleteOwn(patch, key);
  }
}

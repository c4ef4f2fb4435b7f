/**
 * The diff half of strategic merge patch (apimachinery's strategicpatch.diffMaps): the patch that turns one
 * object into another, with list merge keys from the kind's patch metadata. Options select the half of a
 * three-way patch being built: only additions and changes, or only deletions.
 */
import { getOwn, hasOwn, isJsonObject, jsonEqual, setOwn, type JsonObject, type JsonValue } from "../../cluster/api/patch/json-value";
import type { PatchMetaLookup } from "../../cluster/api/patch/patch-meta";

export type DiffOptions = {
  ignoreDeletions?: boolean;
  ignoreChangesAndAdditions?: boolean;
  /** Adds `$setElementOrder/<list>` so the server keeps the modified order. */
  setElementOrder?: boolean;
  /** Set while inside a struct tagged retainKeys: adds `$retainKeys`. */
  buildRetainKeys?: boolean;
};

const sameType = (a: JsonValue, b: JsonValue) =>
  a === null || b === null ? a === b : Array.isArray(a) ? Array.isArray(b) : isJsonObject(a) ? isJsonObject(b) : typeof a === typeof b;

export function diffMaps(original: JsonObject, modified: JsonObject, path: readonly string[], meta: PatchMetaLookup, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key] ?? null;
    if (options.buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
    if (!hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) setOwn(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key] ?? null;
    if (!sameType(originalValue, modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) setOwn(patch, key, modifiedValue);
      continue;
    }
    const at = [...path, key];
    if (isJsonObject(originalValue) && isJsonObject(modifiedValue)) {
      const fieldMeta = meta(at);
      if (fieldMeta?.strategy === "replace") {
        if (!options.ignoreChangesAndAdditions && !jsonEqual(originalValue, modifiedValue)) setOwn(patch, key, { ...modifiedValue, $patch: "replace" });
        continue;
      }
      const sub = diffMaps(originalValue, modifiedValue, at, meta, { ...options, buildRetainKeys: fieldMeta?.strategy.includes("retainKeys") ?? false });
      if (Object.keys(sub).length > 0) setOwn(patch, key, sub);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      diffSlice(key, originalValue, modifiedValue, patch, at, meta, options);
    } else if (!options.ignoreChangesAndAdditions && !jsonEqual(originalValue, modifiedValue)) {
      setOwn(patch, key, modifiedValue);
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasOwn(modified, key)) setOwn(patch, key, null);
  }
  const hasNewField = Object.keys(original).some((key) => !hasOwn(modified, key));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasNewField)) setOwn(patch, "$retainKeys", retainKeys.sort());
  return patch;
}

function diffSlice(key: string, original: JsonValue[], modified: JsonValue[], patch: JsonObject, at: string[], meta: PatchMetaLookup, options: DiffOptions): void {
  const fieldMeta = meta(at);
  if (!fieldMeta?.strategy.startsWith("merge")) {
    if (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified)) setOwn(patch, key, modified);
    return;
  }
  const listOptions = { ...options, buildRetainKeys: fieldMeta.strategy.includes("retainKeys") };
  const { add, remove, order } =
    fieldMeta.mergeKey && (modified.some(isJsonObject) || original.some(isJsonObject))
      ? diffListsOfMaps(original, modified, fieldMeta.mergeKey, at, meta, listOptions)
      : diffListsOfScalars(original, modified, options);
  if (add.length > 0) setOwn(patch, key, add);
  if (remove.length > 0) setOwn(patch, `$deleteFromPrimitiveList/${key}`, remove);
  if (order.length > 0) setOwn(patch, `$setElementOrder/${key}`, order);
}

type ListDiff = { add: JsonValue[]; remove: JsonValue[]; order: JsonValue[] };

/** Go formats merge-key values with %v before comparing: the sort and the match are on that text. */
const keyText = (value: JsonValue | undefined) => (value === undefined ? "<nil>" : typeof value === "string" ? value : JSON.stringify(value));

function diffListsOfMaps(original: JsonValue[], modified: JsonValue[], mergeKey: string, at: string[], meta: PatchMetaLookup, options: DiffOptions): ListDiff {
  const items = (list: JsonValue[]) => list.filter(isJsonObject);
  const byKey = (list: JsonObject[]) => [...list].sort((a, b) => compareText(keyText(getOwn(a, mergeKey)), keyText(getOwn(b, mergeKey))));
  const originalSorted = byKey(items(original));
  const modifiedSorted = byKey(items(modified));
  const changes: JsonObject[] = [];
  const deletions: JsonObject[] = [];
  let i = 0;
  let j = 0;
  while (i < originalSorted.length || j < modifiedSorted.length) {
    const o = originalSorted[i];
    const m = modifiedSorted[j];
    const cmp = o && m ? compareText(keyText(getOwn(o, mergeKey)), keyText(getOwn(m, mergeKey))) : o ? -1 : 1;
    if (o && m && cmp === 0) {
      const sub = diffMaps(o, m, at, meta, options);
      if (Object.keys(sub).length > 0) changes.push({ ...sub, [mergeKey]: getOwn(m, mergeKey) ?? null });
      i++;
      j++;
    } else if (m && (!o || cmp > 0)) {
      if (!options.ignoreChangesAndAdditions) changes.push(m);
      j++;
    } else if (o) {
      if (!options.ignoreDeletions) deletions.push({ $patch: "delete", [mergeKey]: getOwn(o, mergeKey) ?? null });
      i++;
    }
  }
  // Changes in the modified list's order, then the deletions.
  const position = new Map(items(modified).map((item, index) => [keyText(getOwn(item, mergeKey)), index]));
  changes.sort((a, b) => (position.get(keyText(getOwn(a, mergeKey))) ?? 0) - (position.get(keyText(getOwn(b, mergeKey))) ?? 0));
  const add: JsonValue[] = [...changes, ...deletions];
  const orderSame = original.length === modified.length && original.every((item, k) => isJsonObject(item) && jsonEqual(getOwn(item, mergeKey), getOwn(modified[k] as JsonObject, mergeKey)));
  const wantOrder =
    options.setElementOrder &&
    ((!options.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!options.ignoreDeletions && add.length > 0));
  const order = wantOrder ? items(modified).map((item) => ({ [mergeKey]: getOwn(item, mergeKey) ?? null })) : [];
  return { add, remove: [], order };
}

function diffListsOfScalars(original: JsonValue[], modified: JsonValue[], options: DiffOptions): ListDiff {
  const has = (list: JsonValue[], value: JsonValue) => list.some((item) => jsonEqual(item, value));
  const unique = (list: JsonValue[]) => list.filter((item, k) => list.findIndex((other) => jsonEqual(other, item)) === k);
  const add = options.ignoreChangesAndAdditions ? [] : unique(modified.filter((item) => !has(original, item)));
  const remove = options.ignoreDeletions ? [] : unique(original.filter((item) => !has(modified, item))).sort((a, b) => compareText(keyText(a), keyText(b)));
  const wantOrder =
    options.setElementOrder && ((!options.ignoreDeletions && remove.length > 0) || (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified)));
  return { add, remove, order: wantOrder ? modified : [] };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The patch client-side `kubectl apply` sends for an object that exists: changes from the live object to the
 * manifest (never deleting what others added), plus deletions of what the last applied manifest had and the
 * new one drops. Strategic merge for built-in kinds; JSON merge for the rest (custom resources).
 */
import { getOwn, hasOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from "../../cluster/api/patch/json-value";
import type { PatchMetaLookup } from "../../cluster/api/patch/patch-meta";
import { diffMaps } from "./diff-objects";

export function threeWayStrategicPatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject, meta: PatchMetaLookup): JsonObject {
  const delta = diffMaps(current, modified, [], meta, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original ?? {}, modified, [], meta, { ignoreChangesAndAdditions: true, setElementOrder: true });
  return mergePatches(deletions, delta, [], meta);
}

/** Merges two patches into one, as strategicpatch.mergeMap does with patches on both sides. */
function mergePatches(base: JsonObject, over: JsonObject, path: readonly string[], meta: PatchMetaLookup): JsonObject {
  const out: JsonObject = { ...base };
  for (const key of Object.keys(over)) {
    const a = getOwn(out, key);
    const b = over[key] ?? null;
    if (isJsonObject(a) && isJsonObject(b)) {
      setOwn(out, key, mergePatches(a, b, [...path, key], meta));
    } else if (Array.isArray(a) && Array.isArray(b) && !key.startsWith("$")) {
      setOwn(out, key, mergeLists(a, b, [...path, key], meta));
    } else {
      setOwn(out, key, b);
    }
  }
  return out;
}

function mergeLists(a: JsonValue[], b: JsonValue[], path: string[], meta: PatchMetaLookup): JsonValue[] {
  const mergeKey = meta(path)?.mergeKey;
  if (!mergeKey) return [...a, ...b.filter((item) => !a.includes(item))];
  const out = [...a];
  for (const item of b) {
    const index = isJsonObject(item) ? out.findIndex((existing) => isJsonObject(existing) && existing[mergeKey] === item[mergeKey] && !hasOwn(existing, "$patch")) : -1;
    const existing = out[index];
    if (index >= 0 && isJsonObject(existing) && isJsonObject(item)) out[index] = mergePatches(existing, item, path, meta);
    else out.push(item);
  }
  return out;
}

/** JSON merge patch's three-way form (jsonmergepatch.CreateThreeWayJSONMergePatch): lists replace whole. */
export function threeWayJsonMergePatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject): JsonObject {
  const delta = mergeDiff(current, modified, false);
  const deletions = mergeDiff(original ?? {}, modified, true);
  return mergeJson(deletions, delta);
}

/** Additions and changes (deletionsOnly false) or only the removals, as nulls (deletionsOnly true). */
function mergeDiff(from: JsonObject, to: JsonObject, deletionsOnly: boolean): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(to)) {
    const a = getOwn(from, key);
    const b = to[key] ?? null;
    if (isJsonObject(a) && isJsonObject(b)) {
      const sub = mergeDiff(a, b, deletionsOnly);
      if (Object.keys(sub).length > 0) setOwn(patch, key, sub);
    } else if (!deletionsOnly && (a === undefined || JSON.stringify(a) !== JSON.stringify(b))) {
      setOwn(patch, key, b);
    }
  }
  if (deletionsOnly) for (const key of Object.keys(from)) if (!hasOwn(to, key)) setOwn(patch, key, null);
  return patch;
}

function mergeJson(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const key of Object.keys(over)) {
    const a = getOwn(out, key);
    const b = over[key] ?? null;
    setOwn(out, key, isJsonObject(a) && isJsonObject(b) ? mergeJson(a, b) : b);
  }
  return out;
}

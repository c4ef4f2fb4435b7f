/**
 * Merging a list under strategic merge patch: lists tagged `merge` combine element by element (objects by their
 * merge key, scalars as a set), honouring `$patch: delete` / `$patch: replace` elements; other lists are
 * replaced by the patch's list.
 */
import { getOwn, hasOwn, type JsonObject, type JsonValue } from "./json-value";
import {
  errBadPatchType,
  errListMergeDirective,
  errNoMergeKey,
  errNoMergeKeyDeclared,
} from "./strategic-merge-errors";
import {
  DIRECTIVE,
  asMap,
  findByMergeKey,
  normalizeElementOrder,
  partitionMaps,
  partitionScalars,
  sliceElementKind,
} from "./strategic-merge-order";

/** Merges a patch object into an original one (the map half of the algorithm, passed in to avoid a cycle). */
export type MergeMap = (original: JsonObject, patch: JsonObject, path: readonly string[]) => JsonObject;

export interface ListMergeOptions {
  readonly path: readonly string[];
  /** The field's strategy without "retainKeys": "merge", "replace" or "" (untagged). */
  readonly strategy: string;
  readonly mergeKey: string;
  /** The patch came as `$deleteFromPrimitiveList/<field>`. */
  readonly isDeleteList: boolean;
  readonly mergeMap: MergeMap;
}

/** A `merge` list (or a deletion list) merges; any other list is replaced by the patch's. */
export function mergeList(original: JsonValue[], patch: JsonValue[], options: ListMergeOptions): JsonValue[] {
  return mergeListWithView(original, patch, options)[0];
}

/**
 * Go's list of the original elements, as the caller still sees it after the merge. The Go code deletes and
 * appends in place, so a caller holding the original list afterwards sees shifted and overwritten elements;
 * `$setElementOrder` orders by that view, and the results depend on it.
 */
class AliasedView {
  readonly view: JsonValue[];

  constructor(original: readonly JsonValue[]) {
    this.view = [...original];
  }

  /** Records the elements the working list now holds where they overlap the original's length. */
  sync(working: readonly JsonValue[]): void {
    for (let i = 0; i < Math.min(this.view.length, working.length); i++) this.view[i] = working[i] ?? null;
  }
}

/** Merges, and also returns the caller's view of `original` afterwards (see {@link AliasedView}). */
export function mergeListWithView(
  original: JsonValue[],
  patch: JsonValue[],
  options: ListMergeOptions,
): [JsonValue[], JsonValue[]] {
  if (options.strategy !== "merge" && !options.isDeleteList) return [patch, original];
  if (original.length === 0 && patch.length === 0) return [original, original];
  const kind = sliceElementKind(original, patch);
  const { mergeKey } = options;
  if (kind === "scalar") {
    if (options.isDeleteList) {
      const remove = new Set(patch);
      return [original.filter((item) => !remove.has(item)), original];
    }
    const merged = [...new Set([...original, ...patch])];
    const [inPatch, serverOnly] = mergeKey === "" ? partitionScalars(merged, patch) : partitionMaps(merged, patch, mergeKey);
    return [normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind), original];
  }
  if (mergeKey === "") throw errNoMergeKeyDeclared(options.path);
  const alias = new AliasedView(original);
  const { server, items, replaced } = applySpecialElements(original, patch, mergeKey, alias);
  // After `$patch: replace` the working list is the patch's, no longer the caller's.
  const merged = mergeByKey(server, items, options, replaced ? undefined : alias);
  const [inPatch, serverOnly] = partitionMaps(merged, items, mergeKey);
  return [normalizeElementOrder(inPatch, serverOnly, items, server, mergeKey, kind), alias.view];
}

/**
 * Handles elements carrying `$patch`: `delete` removes every original element with that merge key, `replace`
 * makes the other patch elements the whole list. Returns the original and patch elements left to merge.
 */
function applySpecialElements(
  original: JsonValue[],
  patch: JsonValue[],
  mergeKey: string,
  alias: AliasedView,
): { server: JsonValue[]; items: JsonValue[]; replaced: boolean } {
  let server = original;
  const plain: JsonValue[] = [];
  let replace = false;
  for (const element of patch) {
    const map = asMap(element);
    if (!hasOwn(map, DIRECTIVE)) {
      plain.push(element);
      continue;
    }
    const directive = getOwn(map, DIRECTIVE);
    if (directive === "delete") {
      if (!hasOwn(map, mergeKey)) throw errNoMergeKey(map, mergeKey);
      const value = getOwn(map, mergeKey) ?? null;
      for (let found = findByMergeKey(server, mergeKey, value); found; found = findByMergeKey(server, mergeKey, value)) {
        server = server.filter((_, index) => index !== found?.index);
        alias.sync(server);
      }
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw errListMergeDirective();
    } else {
      throw errBadPatchType(directive, map);
    }
  }
  return replace ? { server: plain, items: [], replaced: true } : { server, items: plain, replaced: false };
}

/** Merges each patch element into the original element with the same key, or appends it. */
function mergeByKey(
  original: readonly JsonValue[],
  patch: readonly JsonValue[],
  options: ListMergeOptions,
  alias: AliasedView | undefined,
): JsonValue[] {
  const merged = [...original];
  for (const element of patch) {
    const map = asMap(element);
    if (!hasOwn(map, options.mergeKey)) throw errNoMergeKey(map, options.mergeKey);
    const found = findByMergeKey(merged, options.mergeKey, getOwn(map, options.mergeKey) ?? null);
    if (found) merged[found.index] = options.mergeMap(found.item, map, options.path);
    else merged.push(element);
    alias?.sync(merged);
  }
  return merged;
}

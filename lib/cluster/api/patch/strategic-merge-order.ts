/**
 * Element order of merged lists, as apimachinery's strategic merge patch decides it: items named in the patch
 * (or its `$setElementOrder` list) keep the patch's order, items only the server had keep theirs, and the two are
 * interleaved by the server's order where both sides are known; an item the server never had goes before
 * server-only items it cannot be compared with.
 */
import { goTypeName } from "./go-format";
import { getOwn, hasOwn, isJsonObject, type JsonObject, type JsonValue } from "./json-value";
import {
  errBadArgType,
  errListTypesDiffer,
  errNoElements,
  errNoListOfLists,
  errNoMergeKey,
  errNotAMap,
} from "./strategic-merge-errors";

/** Lists merged by key hold objects; others hold scalars. */
export type ElementKind = "map" | "scalar";

export const DIRECTIVE = "$patch";

/** What identifies an element: its merge-key value, or the scalar itself. Missing and null are alike (Go's nil). */
function identity(item: JsonValue, mergeKey: string, kind: ElementKind): JsonValue {
  if (kind === "scalar") return item;
  return isJsonObject(item) ? (getOwn(item, mergeKey) ?? null) : null;
}

function indexOf(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: ElementKind): number {
  const wanted = identity(item, mergeKey, kind);
  return list.findIndex((candidate) => identity(candidate, mergeKey, kind) === wanted);
}

/** The kind shared by every element of the lists; lists of lists, mixed types and no elements at all fail. */
export function sliceElementKind(...lists: readonly (readonly JsonValue[])[]): ElementKind {
  let first: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const type = goTypeName(item);
      if (first === undefined) {
        first = type;
        if (Array.isArray(item)) throw errNoListOfLists();
      } else if (type !== first) {
        throw errListTypesDiffer(lists);
      }
    }
  }
  if (first === undefined) throw errNoElements();
  return first === "map[string]interface {}" ? "map" : "scalar";
}

export function asMap(item: JsonValue): JsonObject {
  if (!isJsonObject(item)) throw errBadArgType("map", item);
  return item;
}

export function validateMergeKeyInLists(mergeKey: string, ...lists: readonly (readonly JsonValue[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!hasOwn(asMap(item), mergeKey)) throw errNoMergeKey(asMap(item), mergeKey);
    }
  }
}

/** Splits off the elements marked `$patch: delete`. */
export function extractToDeleteItems(list: readonly JsonValue[]): [JsonValue[], JsonValue[]] {
  const keep: JsonValue[] = [];
  const remove: JsonValue[] = [];
  for (const item of list) (getOwn(asMap(item), DIRECTIVE) === "delete" ? remove : keep).push(item);
  return [keep, remove];
}

/** The first object whose merge key is present and equal to `value`. */
export function findByMergeKey(
  list: readonly JsonValue[],
  mergeKey: string,
  value: JsonValue,
): { item: JsonObject; index: number } | undefined {
  for (const [index, item] of list.entries()) {
    if (!isJsonObject(item)) throw errNotAMap(index);
    if (hasOwn(item, mergeKey) && getOwn(item, mergeKey) === value) return { item, index };
  }
  return undefined;
}

/** Elements of `list` whose value appears in `by`, and the rest, each in list order. */
export function partitionScalars(list: readonly JsonValue[], by: readonly JsonValue[]): [JsonValue[], JsonValue[]] {
  const present = new Set(by);
  return [list.filter((item) => present.has(item)), list.filter((item) => !present.has(item))];
}

/** Objects of `list` whose merge-key value appears in `by`, and the rest; every object needs the key. */
export function partitionMaps(list: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const item of list) {
    const map = asMap(item);
    if (!hasOwn(map, mergeKey)) throw errNoMergeKey(map, mergeKey);
    (findByMergeKey(by, mergeKey, map[mergeKey] ?? null) ? inPatch : serverOnly).push(item);
  }
  return [inPatch, serverOnly];
}

/**
 * Sorts by position in `order`, with Go's stable insertion sort and apimachinery's comparison, which calls an
 * element missing from `order` "less" than anything; elements marked for deletion go last.
 */
function normalizeSliceOrder(toSort: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: ElementKind): JsonValue[] {
  let items = [...toSort];
  let deleted: JsonValue[] = [];
  if (kind === "map") {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [items, deleted] = extractToDeleteItems(items);
  }
  const less = (a: JsonValue, b: JsonValue) => {
    const ia = indexOf(order, a, mergeKey, kind);
    const ib = indexOf(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j] ?? null, items[j - 1] ?? null); j--) {
      [items[j], items[j - 1]] = [items[j - 1] ?? null, items[j] ?? null];
    }
  }
  return [...items, ...deleted];
}

/** Interleaves two sorted lists; an element of `left` goes first only when `serverOrder` says it is earlier. */
function mergeSortedSlice(
  left: readonly JsonValue[],
  right: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) {
      out.push(r ?? null);
      j++;
    } else if (r === undefined) {
      out.push(l);
      i++;
    } else {
      const li = indexOf(serverOrder, l, mergeKey, kind);
      const ri = indexOf(serverOrder, r, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push(l);
        i++;
      } else {
        out.push(r);
        j++;
      }
    }
  }
  return out;
}

/** Orders patch items by `patchOrder`, server-only items by `serverOrder`, then interleaves them. */
export function normalizeElementOrder(
  patchItems: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: ElementKind,
): JsonValue[] {
  const patchSorted = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const serverSorted = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverSorted, patchSorted, serverOrder, mergeKey, kind);
}

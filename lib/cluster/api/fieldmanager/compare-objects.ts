import { isJsonObject, jsonEqual, type JsonValue } from "../patch/json-value";
import { FieldSet } from "./field-set";
import { isEmptyContainer, listItems, shapeOf, type ListItem, type ListNode } from "./list-items";
import { fieldElement, type Path } from "./path-element";
import { childNode, type SchemaNode } from "./schema-node";

/** What a write changed, by field path. No path is in two of the sets. */
export type Comparison = { added: FieldSet; modified: FieldSet; removed: FieldSet };

/**
 * Compares two versions of an object the way structured-merge-diff does for updates: leaves that appear,
 * change or disappear, plus maps, lists and items that appear or disappear as a whole (so a new label map
 * is owned with `.`). Structs reached through struct fields only (spec, spec.template, …) exist in every
 * object Kubernetes decodes, so they are never "added" themselves; inside list items and map values they are.
 */
export function compareObjects(before: JsonValue | undefined, after: JsonValue | undefined, node: SchemaNode): Comparison {
  const out = { added: [] as Path[], modified: [] as Path[], removed: [] as Path[] };
  compare(before, after, node, [], false, out);
  return { added: new FieldSet(out.added), modified: new FieldSet(out.modified), removed: new FieldSet(out.removed) };
}

/** Lists without `omitempty` in k8s.io/api: Kubernetes' empty object already holds them (as null). */
const ALWAYS_SERIALISED = new Set(["f:containers"]);

type Out = { added: Path[]; modified: Path[]; removed: Path[] };

function compare(lhs: JsonValue | undefined, rhs: JsonValue | undefined, node: SchemaNode, path: Path, inItem: boolean, out: Out): void {
  if (lhs === undefined && rhs === undefined) return;
  const lShape = lhs === undefined ? undefined : shapeOf(node, lhs);
  const rShape = rhs === undefined ? undefined : shapeOf(node, rhs);
  const shape = lShape ?? rShape!;
  const container = shape !== "leaf" && (lShape === undefined || rShape === undefined || lShape === rShape);
  if (!container || (isEmptyContainer(lhs) && isEmptyContainer(rhs))) {
    leaf(lhs, rhs, path, out);
    return;
  }
  if (shape === "list") {
    compareLists(node as ListNode, lhs as JsonValue[] | undefined, rhs as JsonValue[] | undefined, path, out);
  } else {
    const left = isJsonObject(lhs ?? null) ? (lhs as Record<string, JsonValue>) : {};
    const right = isJsonObject(rhs ?? null) ? (rhs as Record<string, JsonValue>) : {};
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      const child = childNode(node, key) ?? { kind: "leaf" };
      compare(left[key], right[key], child, [...path, fieldElement(key)], inItem || shape === "map", out);
    }
  }
  if (path.length === 0 || (!inItem && (shape === "struct" || ALWAYS_SERIALISED.has(path[path.length - 1]!)))) return;
  if (lhs === undefined) out.added.push(path);
  else if (rhs === undefined) out.removed.push(path);
}

function compareLists(node: ListNode, lhs: JsonValue[] | undefined, rhs: JsonValue[] | undefined, path: Path, out: Out): void {
  const left = new Map(listItems(node, lhs ?? [], path, false).map((item): [string, ListItem] => [item.element, item]));
  const right = listItems(node, rhs ?? [], path, false);
  for (const item of right) compare(left.get(item.element)?.value, item.value, node.item, [...path, item.element], true, out);
  const rightElements = new Set(right.map((item) => item.element));
  for (const [element, item] of left) {
    if (!rightElements.has(element)) compare(item.value, undefined, node.item, [...path, element], true, out);
  }
}

function leaf(lhs: JsonValue | undefined, rhs: JsonValue | undefined, path: Path, out: Out): void {
  if (path.length === 0) return;
  if (lhs === undefined) out.added.push(path);
  else if (rhs === undefined) out.removed.push(path);
  else if (!jsonEqual(lhs, rhs)) out.modified.push(path);
}

import { deleteOwn, isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value";
import { listItems, shapeOf, type ListNode } from "./list-items";
import { type Path } from "./path-element";
import { childNode, type SchemaNode } from "./schema-node";

/**
 * Removes the value at `path` (a leaf, a map entry, a list item, a whole field) from `object`, in place. Maps
 * and lists left empty by the removal go too, as Go's `omitempty` drops them when Kubernetes serialises the
 * object; structs stay (defaulting refills them).
 */
export function removeField(object: JsonObject, path: Path, node: SchemaNode): void {
  removeAt(object, path, 0, node);
}

/** Returns whether `value` is now an empty map or list that its parent should drop. */
function removeAt(value: JsonValue, path: Path, depth: number, node: SchemaNode): boolean {
  const element = path[depth];
  if (element === undefined) return false;
  const last = depth === path.length - 1;
  const shape = shapeOf(node, value);
  if (shape === "list") {
    const list = value as JsonValue[];
    const listNode = node as ListNode;
    const found = listItems(listNode, list, path.slice(0, depth), false).find((item) => item.element === element);
    if (!found) return false;
    const item = found.value;
    const at = list.indexOf(item);
    if (last) list.splice(at, 1);
    else if (removeAt(item, path, depth + 1, listNode.item)) list.splice(at, 1);
    return list.length === 0;
  }
  if (shape === "leaf" || !element.startsWith("f:")) return false;
  const object = value as JsonObject;
  const key = element.slice(2);
  if (!Object.hasOwn(object, key)) return false;
  const child = childNode(node, key) ?? { kind: "leaf" };
  if (last || removeAt(object[key]!, path, depth + 1, child)) deleteOwn(object, key);
  return shape === "map" && Object.keys(object).length === 0;
}

/** Whether `object` has a value at `path`. */
export function hasField(object: JsonValue, path: Path, node: SchemaNode): boolean {
  let value: JsonValue = object;
  let current = node;
  for (const [depth, element] of path.entries()) {
    const shape = shapeOf(current, value);
    if (shape === "list") {
      const listNode = current as ListNode;
      const item = listItems(listNode, value as JsonValue[], path.slice(0, depth), false).find((i) => i.element === element);
      if (!item) return false;
      value = item.value;
      current = listNode.item;
      continue;
    }
    if (shape === "leaf" || !element.startsWith("f:") || !isJsonObject(value) || !Object.hasOwn(value, element.slice(2))) return false;
    value = value[element.slice(2)]!;
    current = childNode(current, element.slice(2)) ?? { kind: "leaf" };
  }
  return true;
}

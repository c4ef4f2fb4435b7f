import type { JsonValue } from "../patch/json-value";
import { FieldSet } from "./field-set";
import { listItems, shapeOf } from "./list-items";
import { fieldElement, type Path } from "./path-element";
import { childNode, type SchemaNode } from "./schema-node";

/**
 * The fields an applied configuration sets, i.e. what its manager will own: every leaf, every list item and
 * map entry, and empty objects and nulls as leaves. Struct fields that only hold other fields are not members
 * themselves (as in structured-merge-diff's ToFieldSet). Strict: unkeyable list items throw ItemKeyError.
 */
export function toFieldSet(value: JsonValue, node: SchemaNode, strict = true): FieldSet {
  const out: Path[] = [];
  walk(value, node, [], out, strict);
  return new FieldSet(out);
}

function walk(value: JsonValue, node: SchemaNode, path: Path, out: Path[], strict: boolean): void {
  const shape = shapeOf(node, value);
  if (shape === "leaf") {
    if (path.length > 0) out.push(path);
    return;
  }
  if (shape === "list") {
    for (const item of listItems(node as Extract<SchemaNode, { kind: "list" }>, value as JsonValue[], path, strict)) {
      const itemPath = [...path, item.element];
      out.push(itemPath);
      walk(item.value, (node as Extract<SchemaNode, { kind: "list" }>).item, itemPath, out, strict);
    }
    return;
  }
  const object = value as Record<string, JsonValue>;
  const keys = Object.keys(object);
  if (keys.length === 0 && path.length > 0) out.push(path);
  for (const key of keys) {
    const childPath = [...path, fieldElement(key)];
    // Map entries are owned as entries; struct fields only through what they hold.
    if (shape === "map") out.push(childPath);
    walk(object[key]!, childNode(node, key) ?? { kind: "leaf" }, childPath, out, strict);
  }
}

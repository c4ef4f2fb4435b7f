/**
 * How a value is walked for field management: the shape its schema node gives it (a struct, map or keyed/set
 * list, or a leaf), and the path element naming each item of a list.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value";
import { indexElement, keyElement, valueElement, type Path, displayPath } from "./path-element";
import type { SchemaNode } from "./schema-node";

export type ListNode = Extract<SchemaNode, { kind: "list" }>;

export type Shape = "struct" | "map" | "list" | "leaf";

/** A value of the wrong JSON type for its schema is a leaf here; validation reports it later. */
export function shapeOf(node: SchemaNode, value: JsonValue): Shape {
  if (isJsonObject(value)) return node.kind === "struct" || node.kind === "untyped" ? "struct" : node.kind === "map" ? "map" : "leaf";
  if (Array.isArray(value)) return node.kind === "list" ? "list" : "leaf";
  return "leaf";
}

export const isEmptyContainer = (value: JsonValue | undefined) =>
  value === undefined || value === null || (Array.isArray(value) ? value.length === 0 : isJsonObject(value) && Object.keys(value).length === 0);

/** An applied configuration whose lists cannot be keyed (a missing key field, a duplicate item). */
export class ItemKeyError extends Error {}

export type ListItem = { element: string; value: JsonValue };

/**
 * Each item with its path element. Strict (an applied configuration): a missing key field without a default or
 * a repeated key is an error, as structured-merge-diff reports it. Lenient (stored objects): such items are
 * named by position, and a repeated key keeps its first item.
 */
export function listItems(node: ListNode, items: readonly JsonValue[], path: Path, strict: boolean): ListItem[] {
  const seen = new Set<string>();
  const out: ListItem[] = [];
  items.forEach((value, index) => {
    let element: string;
    try {
      element = itemElement(node, value);
    } catch (error) {
      if (strict) throw new ItemKeyError(`${displayPath(path)}: element ${index}: ${(error as Error).message}`);
      element = indexElement(index);
    }
    if (seen.has(element)) {
      if (strict) throw new ItemKeyError(`${displayPath(path)}: duplicate entries for key ${displayKey(element)}`);
      return;
    }
    seen.add(element);
    out.push({ element, value });
  });
  return out;
}

function itemElement(node: ListNode, value: JsonValue): string {
  if (node.listType === "set") {
    if (isJsonObject(value) || Array.isArray(value)) throw new Error("set list items must be scalars");
    return valueElement(value);
  }
  if (!isJsonObject(value)) throw new Error("associative list with keys has an element that is not a map");
  if (node.keys.length === 0) throw new Error("associative list without keys");
  const fields: JsonObject = {};
  for (const key of node.keys) {
    const field = Object.hasOwn(value, key) ? value[key] : node.keyDefaults[key];
    if (field === undefined || field === null) {
      throw new Error(`associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`);
    }
    if (isJsonObject(field) || Array.isArray(field)) throw new Error(`key field ${JSON.stringify(key)} must be a scalar`);
    fields[key] = field;
  }
  return keyElement(fields);
}

function displayKey(element: string): string {
  return displayPath([element]);
}

import { cloneJson, setOwn, type JsonObject, type JsonValue } from "../patch/json-value";
import { listItems, shapeOf, type ListNode } from "./list-items";
import { fieldElement, type Path } from "./path-element";
import { childNode, type SchemaNode } from "./schema-node";

/**
 * The live object with an applied configuration laid over it (structured-merge-diff's Merge): the
 * configuration's leaves and atomic values win, maps and structs merge key by key, keyed lists merge item by
 * item and sets take the union. Nothing is removed here; pruning what the applier gave up comes after.
 */
export function mergeApplied(live: JsonValue | undefined, config: JsonValue | undefined, node: SchemaNode, path: Path = []): JsonValue | undefined {
  if (config === undefined) return live === undefined ? undefined : cloneJson(live);
  if (live === undefined) return cloneJson(config);
  const shape = shapeOf(node, config);
  if (shape === "leaf" || shapeOf(node, live) !== shape) return cloneJson(config);
  if (shape === "list") return mergeLists(node as ListNode, live as JsonValue[], config as JsonValue[], path);
  const out = cloneJson(live as JsonObject);
  for (const [key, value] of Object.entries(config as JsonObject)) {
    const child = childNode(node, key) ?? { kind: "leaf" };
    const merged = mergeApplied(Object.hasOwn(out, key) ? out[key] : undefined, value, child, [...path, fieldElement(key)]);
    if (merged !== undefined) setOwn(out, key, merged);
  }
  return out;
}

/**
 * structured-merge-diff's order: live items not in the configuration stay where they were (emitted as soon as
 * they come up), shared items follow the configuration's order, and new items come where the configuration
 * puts them relative to the shared ones.
 */
function mergeLists(node: ListNode, live: JsonValue[], config: JsonValue[], path: Path): JsonValue[] {
  const lhs = listItems(node, live, path, false);
  const rhs = listItems(node, config, path, true);
  const liveByElement = new Map(lhs.map((item) => [item.element, item.value]));
  const inConfig = new Set(rhs.map((item) => item.element));
  const shared = rhs.filter((item) => liveByElement.has(item.element)).map((item) => item.element);
  let nextShared = 0;
  const merged = new Set<string>();
  const out: JsonValue[] = [];
  const take = (element: string, value: JsonValue) => {
    out.push(mergeApplied(liveByElement.get(element), value, node.item, [...path, element])!);
    merged.add(element);
    if (shared[nextShared] === element) nextShared++;
  };
  for (let l = 0, r = 0; l < lhs.length || r < rhs.length; ) {
    const left = lhs[l];
    const right = rhs[r];
    if (left && right) {
      if (left.element === right.element) {
        take(right.element, right.value);
        l++;
        r++;
        continue;
      }
      // A shared item, but not the one due next: it comes when the configuration reaches it.
      if (inConfig.has(left.element) && shared[nextShared] !== undefined && shared[nextShared] !== left.element) {
        l++;
        continue;
      }
    }
    if (left && (!inConfig.has(left.element) || merged.has(left.element))) {
      if (!inConfig.has(left.element)) out.push(cloneJson(left.value));
      l++;
      continue;
    }
    if (right) {
      take(right.element, right.value);
      r++;
    } else {
      l++;
    }
  }
  return out;
}

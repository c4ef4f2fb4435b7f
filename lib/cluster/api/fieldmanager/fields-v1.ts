/**
 * FieldsV1, the trie managedFields store a field set as: each key is a path element, an empty object marks a
 * member, and `".": {}` marks a node that is a member and also has members below it.
 */
import { isJsonObject, setOwn, type JsonObject } from "../patch/json-value";
import { FieldSet } from "./field-set";
import { byCodePoint, canonicalElement, type Path } from "./path-element";

type Trie = { member: boolean; children: Map<string, Trie> };

export function encodeFieldsV1(set: FieldSet): JsonObject {
  const root: Trie = { member: false, children: new Map() };
  for (const path of set.paths()) {
    let node = root;
    for (const element of path) {
      let child = node.children.get(element);
      if (!child) {
        child = { member: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.member = true;
  }
  return trieToJson(root, false);
}

function trieToJson(node: Trie, includeSelf: boolean): JsonObject {
  const out: JsonObject = {};
  if (includeSelf && node.member && node.children.size > 0) out["."] = {};
  for (const element of [...node.children.keys()].sort(elementOrder)) {
    setOwn(out, element, trieToJson(node.children.get(element)!, true));
  }
  return out;
}

/** structured-merge-diff's order: fields by name, then keyed items, then values, then indexes. */
function elementOrder(a: string, b: string): number {
  const rank = (e: string) => "fkvi".indexOf(e[0] ?? "");
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.startsWith("i:")) return Number(a.slice(2)) - Number(b.slice(2));
  return byCodePoint(a, b);
}

/** Reads a FieldsV1 trie; throws on anything that is not one (callers decide what a bad one means). */
export function decodeFieldsV1(value: unknown): FieldSet {
  if (!isJsonObject(value)) throw new Error("fieldsV1 must be an object");
  const paths: Path[] = [];
  walk(value, [], paths, 0);
  return new FieldSet(paths);
}

function walk(node: JsonObject, prefix: string[], out: Path[], depth: number): void {
  if (depth > 100) throw new Error("fieldsV1 is nested too deeply");
  for (const [key, child] of Object.entries(node)) {
    if (!isJsonObject(child)) throw new Error(`fieldsV1: ${key} must map to an object`);
    if (key === ".") {
      if (prefix.length === 0) throw new Error(`fieldsV1: "." at the root`);
      out.push([...prefix]);
      continue;
    }
    const path = [...prefix, canonicalElement(key)];
    if (Object.keys(child).length === 0) out.push(path);
    else walk(child, path, out, depth + 1);
  }
}

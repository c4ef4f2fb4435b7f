/**
 * Decodes manifest text as kubectl's YAML-or-JSON decoder does: a stream of YAML documents (or JSON objects),
 * empty documents skipped, and Lists (`kind: List`, or any `…List` with `items`) expanded into their items.
 */
import { parseAllDocuments, type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags } from "yaml";
import { isJsonObject, type JsonObject, type JsonValue } from "../../cluster/api/patch/json-value";
import { goYamlError } from "./go-yaml-error";

/** A manifest file could not be read as objects; the message is the line kubectl prints after `error: `. */
export class ManifestError extends Error {
  override name = "ManifestError";
}

/**
 * kubectl reads YAML through go-yaml v2, i.e. YAML 1.1 booleans (`yes`, `on`) and octal (`0755`); sexagesimal
 * numbers (`1:20`) it does not have, and timestamps stay strings, so those tags are left out.
 */
const yamlOptions: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  customTags: (tags: Tags) => tags.filter((tag) => !dropped(tag)),
};

function dropped(tag: unknown): boolean {
  if (typeof tag !== "object" || tag === null) return false;
  const { tag: name, format } = tag as { tag?: unknown; format?: unknown };
  return format === "TIME" || name === "tag:yaml.org,2002:timestamp";
}

/** The objects in a manifest text, in order; `source` names it in errors ("STDIN", a path). */
export function decodeManifests(text: string, source: string): JsonObject[] {
  const values = looksLikeJson(text) ? decodeJsonStream(text, source) : decodeYamlStream(text, source);
  const objects: JsonObject[] = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (!isJsonObject(value)) throw new ManifestError(`error parsing ${source}: error unmarshaling JSON: json: cannot unmarshal ${goKind(value)} into Go value of type map[string]interface {}`);
    if (Object.keys(value).length === 0) continue;
    objects.push(...expandList(value, source));
  }
  return objects;
}

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text) && !/^\s*\[/.test(text);
}

function decodeYamlStream(text: string, source: string): JsonValue[] {
  const docs = parseAllDocuments(text, yamlOptions);
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc) => {
    if (doc.errors.length > 0) throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: ${goYamlError(doc.errors)}`);
    return doc.toJS({ maxAliasCount: 100 }) as JsonValue;
  });
}

/** Concatenated JSON objects, as kubectl's JSON stream decoder accepts. */
function decodeJsonStream(text: string, source: string): JsonValue[] {
  const values: JsonValue[] = [];
  let rest = text.trim();
  while (rest !== "") {
    const end = jsonValueEnd(rest);
    try {
      values.push(JSON.parse(rest.slice(0, end)) as JsonValue);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ManifestError(`error parsing ${source}: ${detail}`);
    }
    rest = rest.slice(end).trim();
  }
  return values;
}

/** Where the first top-level JSON value ends: the matching close of its first bracket, strings skipped. */
function jsonValueEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function expandList(object: JsonObject, source: string): JsonObject[] {
  const kind = object.kind;
  const items = object.items;
  if (typeof kind !== "string" || !kind.endsWith("List") || !Array.isArray(items)) return [object];
  const out: JsonObject[] = [];
  for (const item of items) {
    if (!isJsonObject(item)) throw new ManifestError(`error parsing ${source}: a List's items must be objects`);
    out.push(...expandList(item, source));
  }
  return out;
}

function goKind(value: JsonValue): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  return typeof value === "boolean" ? "bool" : "object";
}

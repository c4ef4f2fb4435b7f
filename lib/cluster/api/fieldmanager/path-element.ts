/**
 * One step of a field path, in the text form managedFields use (structured-merge-diff's FieldsV1 keys):
 * `f:<name>` a struct field or map key, `k:{"name":"web"}` an associative-list item by its keys, `v:<json>` a
 * set-list item by value, `i:<n>` a list item by position. Paths are arrays of these strings, kept canonical
 * (keys sorted, JSON re-encoded) so equal paths compare equal as text.
 */
import { isJsonObject, type JsonValue } from "../patch/json-value";
import { canonicalJson } from "../../hash/canonical-json";

export type Path = readonly string[];

export const fieldElement = (name: string) => `f:${name}`;

/** `k:` with the key fields sorted by name, as structured-merge-diff orders them. */
export function keyElement(fields: Readonly<Record<string, JsonValue>>): string {
  return `k:${canonicalJson(fields)}`;
}

export const valueElement = (value: JsonValue) => `v:${canonicalJson(value)}`;

export const indexElement = (index: number) => `i:${index}`;

export type ParsedElement =
  | { kind: "field"; name: string }
  | { kind: "key"; fields: Record<string, JsonValue> }
  | { kind: "value"; value: JsonValue }
  | { kind: "index"; index: number };

/** Reads an element; throws on text that is none of the four forms (a client's malformed fieldsV1). */
export function parseElement(text: string): ParsedElement {
  const body = text.slice(2);
  switch (text.slice(0, 2)) {
    case "f:":
      return { kind: "field", name: body };
    case "k:": {
      const fields: unknown = JSON.parse(body);
      if (!isJsonObject(fields) || Object.keys(fields).length === 0) {
        throw new Error(`key element must be a non-empty object: ${text}`);
      }
      return { kind: "key", fields: fields };
    }
    case "v:":
      return { kind: "value", value: JSON.parse(body) as JsonValue };
    case "i:": {
      if (!/^(0|[1-9]\d*)$/.test(body)) throw new Error(`bad index element: ${text}`);
      return { kind: "index", index: Number(body) };
    }
    default:
      throw new Error(`unknown path element: ${text}`);
  }
}

const canonical = new Map<string, string>();

/** The canonical text of an element read from a client (keys re-sorted, JSON re-encoded). */
export function canonicalElement(text: string): string {
  if (text.startsWith("f:")) return text;
  let known = canonical.get(text);
  if (known === undefined) {
    known = canonicalize(text);
    // Stored managedFields repeat the same few keys; a bounded memo spares re-parsing them on every write.
    if (canonical.size > 10_000) canonical.clear();
    canonical.set(text, known);
  }
  return known;
}

function canonicalize(text: string): string {
  const parsed = parseElement(text);
  switch (parsed.kind) {
    case "field":
      return text;
    case "key":
      return keyElement(parsed.fields);
    case "value":
      return valueElement(parsed.value);
    case "index":
      return indexElement(parsed.index);
  }
}


export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * How conflicts name a path, as structured-merge-diff prints one: `.spec.replicas`,
 * `.spec.template.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`, `[3]`.
 */
export function displayPath(path: Path): string {
  return path
    .map((text) => {
      const parsed = parseElement(text);
      switch (parsed.kind) {
        case "field":
          return `.${parsed.name}`;
        case "key":
          return `[${Object.keys(parsed.fields)
            .sort(byCodePoint)
            .map((k) => `${k}=${displayValue(parsed.fields[k] ?? null)}`)
            .join(",")}]`;
        case "value":
          return `[=${displayValue(parsed.value)}]`;
        case "index":
          return `[${parsed.index}]`;
      }
    })
    .join("");
}

/** Strings quoted, everything else as its JSON text. */
function displayValue(value: JsonValue): string {
  return typeof value === "string" ? JSON.stringify(value) : canonicalJson(value);
}

export { canonicalJson };

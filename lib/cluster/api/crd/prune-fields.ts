import { definitions } from "../openapi/definitions";
import { childPath, isJsonObject, mapValueSchema, preservesUnknown, setField, type JsonObject, type JsonSchema } from "./json-schema";

// Structural pruning, as the API server does when it decodes a custom object: fields the schema does not
// declare are dropped (and reported, so fieldValidation=Strict can refuse them and Warn can say so), except
// where the schema preserves unknown fields. Values of the wrong type are left for validation to report.

const objectMetaFields = new Set(Object.keys(definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")?.properties ?? {}));

/** metadata is ObjectMeta whatever the schema says: its unknown fields go too. */
function pruneMetadata(metadata: unknown, path: string, unknown: string[]): unknown {
  if (!isJsonObject(metadata) || objectMetaFields.size === 0) return metadata;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (objectMetaFields.has(key)) setField(out, key, value);
    else unknown.push(childPath(path, key));
  }
  return out;
}

function pruneValue(schema: JsonSchema, value: unknown, path: string, unknown: string[], depth: number): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.map((item, i) => pruneValue(items, item, `${path}[${i}]`, unknown, depth + 1)) : value;
  }
  if (!isJsonObject(value)) return value;
  // A mistyped value (an object where the schema wants a string) is validation's to report, not pruning's.
  if (schema.type !== undefined && schema.type !== "object") return value;
  return pruneObject(schema, value, path, unknown, depth);
}

function pruneObject(schema: JsonSchema, value: JsonObject, path: string, unknown: string[], depth: number): JsonObject {
  const embedded = schema["x-kubernetes-embedded-resource"] === true;
  const values = mapValueSchema(schema);
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const here = childPath(path, key);
    const property = Object.hasOwn(schema.properties ?? {}, key) ? schema.properties?.[key] : undefined;
    if (property) setField(out, key, pruneValue(property, child, here, unknown, depth + 1));
    else if (embedded && key === "metadata") setField(out, key, pruneMetadata(child, here, unknown));
    else if (embedded && (key === "apiVersion" || key === "kind")) setField(out, key, child);
    else if (values) setField(out, key, pruneValue(values, child, here, unknown, depth + 1));
    else if (preservesUnknown(schema)) setField(out, key, child);
    else unknown.push(here);
  }
  return out;
}

/**
 * The custom object without the fields its version's schema does not declare; their paths (`spec.foo`) are
 * appended to `unknown`. apiVersion and kind are always kept; metadata is pruned as ObjectMeta.
 */
export function pruneCustomResource(schema: JsonSchema | undefined, object: JsonObject, unknown: string[]): JsonObject {
  const out: JsonObject = {};
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === "apiVersion" || key === "kind") setField(out, key, value);
    else if (key === "metadata") setField(out, key, pruneMetadata(value, "metadata", unknown));
    else setField(rest, key, value);
  }
  if (!schema) return { ...out, ...rest };
  const root: JsonSchema = { ...schema, type: "object" };
  return { ...out, ...pruneObject(root, rest, "", unknown, 0) };
}

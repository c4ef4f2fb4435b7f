import { cloneJson, isJsonObject, mapValueSchema, setField, type JsonObject, type JsonSchema } from "./json-schema";

// Structural defaulting, as the API server applies it to custom objects when it decodes a request and when it
// reads from storage: a missing field with a `default` gets it; a null where the schema does not allow null
// gets the default too, or is dropped when there is none. Defaults are applied top-down, so a default value
// is itself defaulted inside.

function defaultValue(schema: JsonSchema, value: unknown, depth: number): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.map((item) => defaultValue(items, item, depth + 1)) : value;
  }
  if (!isJsonObject(value) || (schema.type !== undefined && schema.type !== "object")) return value;
  return defaultObject(schema, value, depth);
}

function defaultObject(schema: JsonSchema, value: JsonObject, depth: number): JsonObject {
  const out: JsonObject = {};
  const values = mapValueSchema(schema);
  for (const [key, child] of Object.entries(value)) {
    const property = Object.hasOwn(schema.properties ?? {}, key) ? schema.properties?.[key] : values;
    if (!property) {
      setField(out, key, child);
      continue;
    }
    if (child === null && property.nullable !== true) {
      if (property.default !== undefined) setField(out, key, defaultValue(property, cloneJson(property.default), depth + 1));
      continue;
    }
    setField(out, key, defaultValue(property, child, depth + 1));
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (Object.hasOwn(value, key) || property.default === undefined) continue;
    setField(out, key, defaultValue(property, cloneJson(property.default), depth + 1));
  }
  return out;
}

/** The custom object with its schema's defaults applied (a new object; the input is not changed). */
export function defaultCustomResource(schema: JsonSchema | undefined, object: JsonObject): JsonObject {
  if (!schema) return object;
  const out: JsonObject = {};
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === "apiVersion" || key === "kind" || key === "metadata") setField(out, key, value);
    else setField(rest, key, value);
  }
  return { ...out, ...defaultObject({ ...schema, type: "object" }, rest, 0) };
}

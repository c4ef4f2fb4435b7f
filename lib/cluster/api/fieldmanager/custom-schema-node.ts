/**
 * The field-management shape of a custom resource, from its CRD's structural schema, read as Kubernetes reads
 * it for server-side apply: lists are atomic unless `x-kubernetes-list-type` says `set` or `map`, objects with
 * properties are structs, objects with `additionalProperties` are maps (`x-kubernetes-map-type: atomic` makes
 * either a leaf), and anything free-form is a leaf. `metadata` is always ObjectMeta.
 */
import type { JsonSchema } from "../crd/json-schema";
import type { SchemaNode } from "./schema-node";

export function customSchemaNode(schema: JsonSchema, objectMeta: SchemaNode): SchemaNode {
  const root = nodeOf(schema);
  return {
    kind: "struct",
    field: (name) => (name === "metadata" ? objectMeta : root.kind === "struct" ? root.field(name) : { kind: "leaf" }),
  };
}

function nodeOf(schema: JsonSchema): SchemaNode {
  if (schema["x-kubernetes-int-or-string"] || schema["x-kubernetes-map-type"] === "atomic") return { kind: "leaf" };
  if (schema.type === "array" && schema.items) {
    const listType = schema["x-kubernetes-list-type"];
    if (listType === "set") return { kind: "list", listType: "set", keys: [], keyDefaults: {}, item: nodeOf(schema.items) };
    if (listType === "map") {
      const item = schema.items;
      const keyDefaults = Object.fromEntries(
        (schema["x-kubernetes-list-map-keys"] ?? []).flatMap((key) => {
          const value = item.properties?.[key]?.default;
          return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [[key, value]] : [];
        }),
      );
      return { kind: "list", listType: "map", keys: schema["x-kubernetes-list-map-keys"] ?? [], keyDefaults, item: nodeOf(item) };
    }
    return { kind: "leaf" };
  }
  if (schema.properties) {
    const properties = schema.properties;
    return { kind: "struct", field: (name) => (Object.hasOwn(properties, name) ? nodeOf(properties[name]!) : undefined) };
  }
  if (typeof schema.additionalProperties === "object") return { kind: "map", value: nodeOf(schema.additionalProperties) };
  return { kind: "leaf" };
}

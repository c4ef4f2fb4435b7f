/**
 * The generated definitions (run `npm run generate:openapi` first; the file is git-ignored) with the patch
 * metadata applied. Everything else in this folder reads definitions through here.
 */
import type { DefinitionsFile, SchemaModel } from "./definition-model";
import generated from "./generated/definitions.json";
import { patchExtensionFields } from "./patch-extensions";

const file = generated as DefinitionsFile;

/** Where the definitions came from, e.g. kubernetes-types 1.30.0. */
export const definitionsSource = file.source;

function withPatchExtensions(name: string, schema: SchemaModel): SchemaModel {
  if (!schema.properties) return schema;
  const properties: Record<string, SchemaModel> = {};
  for (const [field, property] of Object.entries(schema.properties)) {
    properties[field] = { ...property, ...patchExtensionFields(name, field) };
  }
  return { ...schema, properties };
}

/** Every definition by OpenAPI name, e.g. `io.k8s.api.apps.v1.Deployment`. */
export const definitions: ReadonlyMap<string, SchemaModel> = new Map(
  Object.entries(file.definitions).map(([name, schema]) => [name, withPatchExtensions(name, schema)]),
);

import type { SchemaModel } from "../openapi/definition-model";
import { definitions } from "../openapi/definitions";
import type { ResourceType } from "../resources/resource-type";
import { isJsonObject, type JsonSchema } from "./json-schema";

// The OpenAPI definitions of served custom resources, as apiextensions publishes them: the version's schema
// with apiVersion, kind and metadata added, named `com.example.stable.v1.CronTab` (the group reversed), plus
// its list. v3 keeps the whole schema (kubectl explain shows it, the server validates); v2 — read by kubectl
// before 1.27 to validate client-side — is stripped the way Kubernetes strips it: no value validations, no
// defaults, and nodes that are nullable or preserve unknown fields lose the shape an old client would
// enforce.

export type Flavour = "v2" | "v3";

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
const LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

/** `stable.example.com/v1.CronTab` → `com.example.stable.v1.CronTab`, as kube-openapi names CRD types. */
export function definitionName(group: string, version: string, kind: string): string {
  return [...group.split(".").reverse(), version, kind].join(".");
}

// The standard descriptions, as the built-in definitions carry them.
const configMap = definitions.get("io.k8s.api.core.v1.ConfigMap")?.properties ?? {};
const configMapList = definitions.get("io.k8s.api.core.v1.ConfigMapList")?.properties ?? {};
const typeMeta = (): Record<string, SchemaModel> => ({
  apiVersion: configMap.apiVersion ?? { type: "string" },
  kind: configMap.kind ?? { type: "string" },
});
const objectMeta = (): SchemaModel => ({ $ref: OBJECT_META, description: configMap.metadata?.description ?? "" });

/** The schema keys v2 keeps: the shape and its descriptions, no value validations or defaults. */
const v2Keys = new Set(["description", "title", "type", "properties", "items", "additionalProperties", "nullable"]);

type Json = Record<string, unknown>;

/** One schema node in the published form (SchemaModel's shape, with the JSON Schema keywords kept as they are). */
function convert(schema: JsonSchema, flavour: Flavour, depth: number): Json {
  if (depth > 64) return {};
  const out: Json = { ...schema };
  delete out.properties;
  delete out.items;
  delete out.additionalProperties;
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, convert(v, flavour, depth + 1)]));
  }
  if (isJsonObject(schema.items)) out.items = convert(schema.items, flavour, depth + 1);
  if (isJsonObject(schema.additionalProperties)) out.additionalProperties = convert(schema.additionalProperties, flavour, depth + 1);
  else if (schema.additionalProperties === true) out.additionalProperties = true;
  if (schema["x-kubernetes-embedded-resource"] && !(flavour === "v2" && schema["x-kubernetes-preserve-unknown-fields"])) {
    out.properties = { ...typeMeta(), metadata: objectMeta(), ...((out.properties) ?? {}) };
    if (flavour === "v3") out.required = [...new Set([...(schema.required ?? []), "kind", "apiVersion"])];
  }
  if (flavour === "v3") {
    if (schema["x-kubernetes-int-or-string"] && !schema.anyOf) out.anyOf = [{ type: "integer" }, { type: "string" }];
    return out;
  }
  // What the v2 protobuf form (gnostic's Schema message) can carry; the rest is dropped, as Kubernetes drops it.
  for (const key of Object.keys(out)) if (!v2Keys.has(key) && !key.startsWith("x-")) delete out[key];
  delete out["x-kubernetes-validations"];
  if (schema.nullable) {
    for (const key of ["type", "items", "properties"]) delete out[key];
  }
  delete out.nullable;
  if (schema["x-kubernetes-preserve-unknown-fields"]) {
    delete out.items;
    delete out.properties;
    if (out.type === "object") delete out.type;
  }
  if (out.type === "array" && out.items === undefined) delete out.type;
  return out;
}

function kindDefinition(type: ResourceType, flavour: Flavour): SchemaModel {
  const gvk = [{ group: type.group, version: type.version, kind: type.kind }];
  const schema = type.custom?.schema;
  // Without a schema (or one that keeps every field, for old clients) kubectl must not think fields unknown.
  if (!schema || (flavour === "v2" && schema["x-kubernetes-preserve-unknown-fields"])) {
    return { type: "object", "x-kubernetes-group-version-kind": gvk };
  }
  const root = convert(schema, flavour, 0);
  const properties = { ...((root.properties as Record<string, SchemaModel> | undefined) ?? {}), ...typeMeta(), metadata: objectMeta() };
  return { ...(root as SchemaModel), type: "object", properties, "x-kubernetes-group-version-kind": gvk };
}

function listDefinition(type: ResourceType): SchemaModel {
  return {
    description: `${type.listKind} is a list of ${type.kind}`,
    required: ["items"],
    properties: {
      ...typeMeta(),
      items: {
        description: `List of ${type.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        type: "array",
        items: { $ref: definitionName(type.group, type.version, type.kind) },
      },
      metadata: { $ref: LIST_META, description: configMapList.metadata?.description ?? "" },
    },
    "x-kubernetes-group-version-kind": [{ group: type.group, version: type.version, kind: type.listKind }],
  };
}

/** The definitions of these custom resource types (others in the list are ignored), by OpenAPI name. */
export function customResourceDefinitions(types: readonly ResourceType[], flavour: Flavour): Map<string, SchemaModel> {
  const out = new Map<string, SchemaModel>();
  for (const type of types) {
    if (!type.custom) continue;
    out.set(definitionName(type.group, type.version, type.kind), kindDefinition(type, flavour));
    out.set(definitionName(type.group, type.version, type.listKind), listDefinition(type));
  }
  return out;
}

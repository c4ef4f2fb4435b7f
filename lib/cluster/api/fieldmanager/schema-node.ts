/**
 * The shape field management needs from a kind's schema: which objects are structs (named fields) and which
 * are maps (free keys), which lists are associative (keyed), sets, or atomic, and which values are atomic
 * leaves. Read from the OpenAPI definitions kubeclass serves, with the `+structType=atomic` /
 * `+mapType=atomic` markers of k8s.io/api that those definitions do not carry.
 */
import type { SchemaModel } from "../openapi/definition-model";
import { definitions } from "../openapi/definitions";
import type { JsonValue } from "../patch/json-value";
import type { JsonSchema } from "../crd/json-schema";
import { customSchemaNode } from "./custom-schema-node";

export type SchemaNode =
  | { kind: "struct"; field: (name: string) => SchemaNode | undefined }
  | { kind: "map"; value: SchemaNode }
  | { kind: "list"; listType: "set" | "map"; keys: readonly string[]; keyDefaults: Readonly<Record<string, JsonValue>>; item: SchemaNode }
  /** Scalars, atomic structs/maps/lists, and untyped JSON: owned and replaced whole. */
  | { kind: "leaf" }
  /** No schema (custom resources): objects behave as structs, lists are atomic. */
  | { kind: "untyped" };

const meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
const core = "io.k8s.api.core.v1.";

/** Definitions marked `+structType=atomic` upstream. */
const ATOMIC_STRUCTS = new Set([
  `${meta}LabelSelector`,
  `${meta}OwnerReference`,
  ...["SecretReference", "ObjectFieldSelector", "ResourceFieldSelector", "ConfigMapKeySelector", "SecretKeySelector"].map((n) => core + n),
  ...["NodeSelector", "NodeSelectorTerm", "TopologySelectorTerm", "EndpointAddress", "EndpointPort"].map((n) => core + n),
  ...["ObjectReference", "LocalObjectReference", "TypedLocalObjectReference", "ScopeSelector"].map((n) => core + n),
  "io.k8s.api.autoscaling.v1.CrossVersionObjectReference",
  "io.k8s.api.discovery.v1.EndpointPort",
  "io.k8s.api.networking.v1.ServiceBackendPort",
  "io.k8s.api.rbac.v1.Subject",
  "io.k8s.api.rbac.v1.RoleRef",
]);

/** Map-valued properties marked `+mapType=atomic` upstream (definition.property). */
const ATOMIC_MAPS = new Set([`${core}PodSpec.nodeSelector`, `${core}ServiceSpec.selector`, `${core}ReplicationControllerSpec.selector`]);

/** Key fields with a schema default, used when an item omits them (`+default="TCP"` upstream). */
const KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, JsonValue>>>> = {
  [`${core}ContainerPort`]: { protocol: "TCP" },
  [`${core}ServicePort`]: { protocol: "TCP" },
};

const byKind = new Map<string, string>();
for (const [name, schema] of definitions) {
  for (const gvk of schema["x-kubernetes-group-version-kind"] ?? []) byKind.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
}

const untyped: SchemaNode = { kind: "untyped" };
const leaf: SchemaNode = { kind: "leaf" };
const cache = new Map<string, SchemaNode>();

const customCache = new WeakMap<object, SchemaNode>();

/**
 * The schema of a kind's objects: a built-in definition, a custom resource's CRD schema, or else untyped
 * (with metadata still ObjectMeta).
 */
export function schemaForKind(type: { group: string; version: string; kind: string; custom?: { schema?: JsonSchema } }): SchemaNode {
  const name = byKind.get(`${type.group}/${type.version}/${type.kind}`);
  if (name) return definitionNode(name);
  const objectMeta = definitionNode(`${meta}ObjectMeta`);
  const schema = type.custom?.schema;
  if (!schema) return { kind: "struct", field: (field) => (field === "metadata" ? objectMeta : untyped) };
  let node = customCache.get(schema);
  if (!node) customCache.set(schema, (node = customSchemaNode(schema, objectMeta)));
  return node;
}

function definitionNode(name: string): SchemaNode {
  const cached = cache.get(name);
  if (cached) return cached;
  const schema = definitions.get(name);
  const node = schema ? nodeOf(schema, name, "") : leaf;
  cache.set(name, node);
  return node;
}

/** `owner` and `property` name where the schema sits, for the markers keyed by them. */
function nodeOf(schema: SchemaModel, owner: string, property: string): SchemaNode {
  if (schema.$ref) return definitionNode(schema.$ref);
  if (schema["x-kubernetes-int-or-string"] || schema.v3OneOfTypes) return leaf;
  if (schema.properties) {
    if (ATOMIC_STRUCTS.has(owner) && property === "") return leaf;
    const properties = schema.properties;
    const fields = new Map<string, SchemaNode>();
    return {
      kind: "struct",
      field(name) {
        if (!Object.hasOwn(properties, name)) return undefined;
        let node = fields.get(name);
        if (!node) {
          node = nodeOf(properties[name]!, owner, name);
          fields.set(name, node);
        }
        return node;
      },
    };
  }
  if (schema.additionalProperties) {
    if (ATOMIC_MAPS.has(`${owner}.${property}`)) return leaf;
    return { kind: "map", value: nodeOf(schema.additionalProperties, owner, "") };
  }
  if (schema.type === "array" && schema.items) return listNode(schema, schema.items, owner);
  return leaf;
}

/**
 * Lists follow `x-kubernetes-list-type`; without it, as Kubernetes converts its OpenAPI, a `merge` patch
 * strategy makes a list keyed by the merge key (or a set without one), and anything else is atomic.
 */
function listNode(schema: SchemaModel, items: SchemaModel, owner: string): SchemaNode {
  const declared = schema["x-kubernetes-list-type"];
  const strategy = schema["x-kubernetes-patch-strategy"] ?? "";
  const mergeKey = schema["x-kubernetes-patch-merge-key"];
  const item = nodeOf(items, owner, "");
  const keyDefaults = (items.$ref && KEY_DEFAULTS[items.$ref]) || {};
  if (declared === "map") return { kind: "list", listType: "map", keys: schema["x-kubernetes-list-map-keys"] ?? [], keyDefaults, item };
  if (declared === "set") return { kind: "list", listType: "set", keys: [], keyDefaults, item };
  if (declared === undefined && strategy.split(",").includes("merge")) {
    return mergeKey
      ? { kind: "list", listType: "map", keys: [mergeKey], keyDefaults, item }
      : { kind: "list", listType: "set", keys: [], keyDefaults, item };
  }
  return leaf;
}

/** The node of a struct field or map value; untyped below untyped. Undefined: no such field. */
export function childNode(node: SchemaNode, name: string): SchemaNode | undefined {
  switch (node.kind) {
    case "struct":
      return node.field(name);
    case "map":
      return node.value;
    case "untyped":
      return untyped;
    default:
      return undefined;
  }
}

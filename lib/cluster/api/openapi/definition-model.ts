/**
 * The neutral schema model that `scripts/openapi/generate.ts` derives from kubernetes-types' declarations and
 * writes to `generated/definitions.json`. It is close to OpenAPI, with two differences the writers resolve:
 * `$ref` holds a bare definition name (v2 prefixes `#/definitions/`, v3 `#/components/schemas/`), and
 * `v3OneOfTypes` marks types Kubernetes publishes as `oneOf` in v3 but as a plain type in v2 (IntOrString,
 * Quantity).
 */

export type GroupVersionKind = { group: string; version: string; kind: string };

export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

export type SchemaModel = {
  description?: string;
  type?: SchemaType;
  format?: string;
  /** A definition name, e.g. `io.k8s.api.core.v1.PodSpec`. */
  $ref?: string;
  items?: SchemaModel;
  additionalProperties?: SchemaModel;
  properties?: Record<string, SchemaModel>;
  required?: string[];
  v3OneOfTypes?: SchemaType[];
  "x-kubernetes-group-version-kind"?: GroupVersionKind[];
  "x-kubernetes-preserve-unknown-fields"?: true;
  "x-kubernetes-int-or-string"?: true;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
};

export type DefinitionsFile = {
  /** Where the definitions came from, e.g. `{ package: "kubernetes-types", version: "1.30.0" }`. */
  source: { package: string; version: string };
  definitions: Record<string, SchemaModel>;
};

/** The `info` of a document: `{ title: "Kubernetes", version: "v1.30.0" }`. */
export type OpenApiInfo = { title: string; version: string };

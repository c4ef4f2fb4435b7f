/**
 * What kubernetes-types' declarations cannot say, put back by the generator: definitions whose wire form differs
 * from their TypeScript type, the IntOrString type it inlines as `number | string`, and the `x-kubernetes-*`
 * fields of JSONSchemaProps that its declarations leave out (CRD manifests use them, so strict validation
 * must know them).
 */
import type { SchemaModel } from "../../lib/cluster/api/openapi/definition-model";

export const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const APIEXT = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1";

/** Replaces the schema read from the declaration (the declaration's description is kept). */
export const specialDefinitions: Record<string, SchemaModel> = {
  "io.k8s.apimachinery.pkg.apis.meta.v1.Time": { type: "string", format: "date-time" },
  "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": { type: "string", format: "date-time" },
  "io.k8s.apimachinery.pkg.api.resource.Quantity": { type: "string", v3OneOfTypes: ["string", "number"] },
  "io.k8s.apimachinery.pkg.runtime.RawExtension": { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  [`${APIEXT}.JSON`]: { "x-kubernetes-preserve-unknown-fields": true },
  // A schema or a bool / a list: any JSON value, which the API server checks.
  [`${APIEXT}.JSONSchemaPropsOrArray`]: {},
  [`${APIEXT}.JSONSchemaPropsOrBool`]: {},
  [`${APIEXT}.JSONSchemaPropsOrStringArray`]: {},
};

export const intOrString: SchemaModel = {
  description:
    'IntOrString holds either an int32 or a string. In JSON and YAML it is written as whichever it holds, so one field can take a number (8080) or a name ("http", "25%").',
  type: "string",
  format: "int-or-string",
  v3OneOfTypes: ["integer", "string"],
  "x-kubernetes-int-or-string": true,
};

const bool = (description: string): SchemaModel => ({ type: "boolean", description });

/** Properties the declarations lack, by definition. */
export const missingProperties: Record<string, Record<string, SchemaModel>> = {
  [`${APIEXT}.JSONSchemaProps`]: {
    "x-kubernetes-embedded-resource": bool(
      "Marks an object that is a whole Kubernetes object (apiVersion, kind, metadata). Its metadata is validated and pruned like a top-level object's. Requires type: object.",
    ),
    "x-kubernetes-int-or-string": bool(
      "Allows an integer or a string here, like IntOrString. The schema then has no type, or an anyOf of integer and string.",
    ),
    "x-kubernetes-list-map-keys": {
      type: "array",
      items: { type: "string" },
      description:
        "For x-kubernetes-list-type: map, the fields of an item that together identify it. They must be scalars that are required or have a default.",
    },
    "x-kubernetes-list-type": {
      type: "string",
      description:
        "How server-side apply merges this list: atomic (replaced as a whole, the default), set (unique scalar items) or map (items identified by x-kubernetes-list-map-keys).",
    },
    "x-kubernetes-map-type": {
      type: "string",
      description:
        "How server-side apply merges this object: granular (field by field, the default) or atomic (replaced as a whole).",
    },
    "x-kubernetes-preserve-unknown-fields": bool(
      "Keeps fields the schema does not declare instead of pruning them. Applies to this object only, not to the objects nested in it.",
    ),
    "x-kubernetes-validations": {
      type: "array",
      items: { $ref: `${APIEXT}.ValidationRule` },
      description: "CEL rules that a value here must satisfy.",
    },
  },
};

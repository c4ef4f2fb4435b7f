/**
 * A CRD version's `openAPIV3Schema` (apiextensions.k8s.io/v1 JSONSchemaProps), as the schema walks here read
 * it. Only structural schemas are accepted (validate-schema.ts), so every node says what it holds.
 */
export type JsonSchema = {
  type?: string;
  format?: string;
  description?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: string;
  "x-kubernetes-validations"?: unknown[];
};

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema of a map's values: additionalProperties when it is a schema (`true` carries none). */
export function mapValueSchema(schema: JsonSchema): JsonSchema | undefined {
  return isJsonObject(schema.additionalProperties) ? (schema.additionalProperties) : undefined;
}

/** Whether the node keeps fields it does not declare (`x-kubernetes-preserve-unknown-fields`, `additionalProperties: true`). */
export function preservesUnknown(schema: JsonSchema): boolean {
  return schema["x-kubernetes-preserve-unknown-fields"] === true || schema.additionalProperties === true;
}

/** A child path as Kubernetes prints it: `spec.replicas`, `spec.items[0]`. */
export function childPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** JSON values deep-copied (defaults must never be shared between objects). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Sets an own property even for keys like `__proto__` (plain assignment would change the prototype). */
export function setField(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

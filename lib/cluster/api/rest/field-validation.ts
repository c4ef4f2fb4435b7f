import type { SchemaModel } from "../openapi/definition-model";
import { definitions } from "../openapi/definitions";
import type { ResourceType } from "../resources/resource-type";
import { badRequest } from "../status";

/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`): fields the schema does not know are
 * dropped before storing, and reported as an error (Strict), a warning (Warn, the default) or not at all.
 */
export type FieldValidation = {
  mode: "Strict" | "Warn" | "Ignore";
  /** Collects `unknown field "…"` warnings for the response's Warning headers. */
  warnings: string[];
};

export function fieldValidationFrom(query: URLSearchParams): FieldValidation {
  const raw = query.get("fieldValidation") ?? "";
  const mode = raw === "" ? "Warn" : raw;
  if (mode !== "Strict" && mode !== "Warn" && mode !== "Ignore") {
    throw badRequest(`fieldValidation: Unsupported value: "${raw}": supported values: "Ignore", "Strict", "Warn"`);
  }
  return { mode, warnings: [] };
}

const byKind = new Map<string, string>();
for (const [name, schema] of definitions) {
  for (const gvk of schema["x-kubernetes-group-version-kind"] ?? []) byKind.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
}

/** The object without the fields its schema does not know; throws (Strict) or records warnings (Warn). */
export function pruneUnknownFields<T>(type: Pick<ResourceType, "group" | "version" | "kind">, object: T, validation?: FieldValidation): T {
  const name = byKind.get(`${type.group}/${type.version}/${type.kind}`);
  const schema = name ? definitions.get(name) : undefined;
  if (!schema) return object;
  const unknown: string[] = [];
  let pruned: T;
  try {
    pruned = prune(schema, object, "", unknown, 0) as T;
  } catch (error) {
    if (error instanceof WrongType) {
      throw badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: json: cannot unmarshal ${error.got} into Go struct field ${type.kind}.${error.path} of type ${error.want}`);
    }
    throw error;
  }
  if (unknown.length === 0) return object;
  const messages = unknown.map((path) => `unknown field "${path}"`);
  if (validation?.mode === "Strict") {
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${messages.join(", ")}`,
    );
  }
  if (validation?.mode === "Warn") validation.warnings.push(...messages);
  return pruned;
}

function resolve(schema: SchemaModel): SchemaModel {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) current = definitions.get(current.$ref) ?? {};
  return current;
}

/** A value of the wrong JSON type for its field (Go's json: cannot unmarshal … into … of type …). */
class WrongType extends Error {
  constructor(
    readonly path: string,
    readonly got: string,
    readonly want: string,
  ) {
    super(`${path}: ${got} is not ${want}`);
  }
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value === "boolean" ? "bool" : typeof value;
}

function checkType(schema: SchemaModel, value: unknown, path: string): void {
  if (value === null || value === undefined || schema["x-kubernetes-int-or-string"] || schema.v3OneOfTypes) return;
  const fits: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    integer: (v) => typeof v === "number" && Number.isInteger(v),
    number: (v) => typeof v === "number",
    boolean: (v) => typeof v === "boolean",
    object: (v) => typeof v === "object" && !Array.isArray(v),
    array: (v) => Array.isArray(v),
  };
  const want = schema.type ?? (schema.properties || schema.additionalProperties ? "object" : undefined);
  if (want && fits[want] && !fits[want](value)) {
    const goType = { string: "string", integer: "int", number: "float64", boolean: "bool", object: "map", array: "slice" }[want] ?? want;
    throw new WrongType(path, jsonType(value), goType);
  }
}

function prune(schemaIn: SchemaModel, value: unknown, path: string, unknown: string[], depth: number): unknown {
  const schema = resolve(schemaIn);
  if (depth > 64 || schema["x-kubernetes-preserve-unknown-fields"]) return value;
  if (path !== "") checkType(schema, value, path);
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.map((item, i) => prune(items, item, `${path}[${i}]`, unknown, depth + 1)) : value;
  }
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      const childSchema = schema.properties[key];
      const childPath = path ? `${path}.${key}` : key;
      if (!childSchema) {
        unknown.push(childPath);
        continue;
      }
      out[key] = prune(childSchema, child, childPath, unknown, depth + 1);
    }
    return out;
  }
  if (schema.additionalProperties) {
    const extra = schema.additionalProperties;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, prune(extra, v, path ? `${path}.${k}` : k, unknown, depth + 1)]));
  }
  return value;
}

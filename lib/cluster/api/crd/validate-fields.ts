import type { StatusCause } from "../status";
import { deepEqual } from "../rest/deep-equal";
import { goFloat } from "../table/go-text";
import { fieldErrors } from "./field-errors";
import { childPath, isJsonObject, mapValueSchema, type JsonSchema } from "./json-schema";

// Schema validation of custom objects with the API server's wording: kube-openapi's messages (`spec.x in body
// must be of type integer: "string"`) wrapped in apimachinery field errors, as apiextensions reports them.

/** The JSON type name kube-openapi gives a decoded value. */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value === "object" ? "object" : typeof value;
}

function fitsType(type: string, value: unknown): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : goFloat(n));
const patterns = new Map<string, RegExp | null>();

function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, "u");
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = null;
      }
    }
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, re);
  }
  return patterns.get(pattern) ?? null;
}

class Walker {
  readonly causes: StatusCause[] = [];

  node(schema: JsonSchema, value: unknown, path: string, depth: number): void {
    if (depth > 64) return;
    const name = path === "" ? "." : path;
    const declared = schema["x-kubernetes-int-or-string"] ? "integer,string" : schema.type;
    if (value === null) {
      if (declared && !schema.nullable) this.causes.push(fieldErrors.typeInvalid(path, "null", `${name} in body must be of type ${declared}: "null"`));
      return;
    }
    if (declared) {
      const ok = declared === "integer,string" ? fitsType("integer", value) || fitsType("string", value) : fitsType(declared, value);
      if (!ok) {
        const actual = typeOf(value);
        this.causes.push(fieldErrors.typeInvalid(path, actual, `${name} in body must be of type ${declared}: "${actual}"`));
        return;
      }
    }
    if (schema.enum && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
      const supported = schema.enum.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
      this.causes.push(fieldErrors.notSupported(path, value, supported));
    }
    if (typeof value === "number") this.number(schema, value, path, name);
    if (typeof value === "string") this.string(schema, value, path, name);
    if (Array.isArray(value)) this.array(schema, value, path, name, depth);
    if (isJsonObject(value)) this.object(schema, value, path, name, depth);
    this.junctors(schema, value, path, name, depth);
  }

  private number(schema: JsonSchema, value: number, path: string, name: string): void {
    const { maximum, minimum, multipleOf } = schema;
    if (maximum !== undefined && (schema.exclusiveMaximum ? value >= maximum : value > maximum)) {
      const relation = schema.exclusiveMaximum ? "less than" : "less than or equal to";
      this.causes.push(fieldErrors.invalid(path, value, `${name} in body should be ${relation} ${num(maximum)}`));
    }
    if (minimum !== undefined && (schema.exclusiveMinimum ? value <= minimum : value < minimum)) {
      const relation = schema.exclusiveMinimum ? "greater than" : "greater than or equal to";
      this.causes.push(fieldErrors.invalid(path, value, `${name} in body should be ${relation} ${num(minimum)}`));
    }
    if (multipleOf !== undefined && multipleOf > 0 && !Number.isInteger(value / multipleOf)) {
      this.causes.push(fieldErrors.invalid(path, value, `${name} in body should be a multiple of ${num(multipleOf)}`));
    }
  }

  private string(schema: JsonSchema, value: string, path: string, name: string): void {
    const length = [...value].length;
    if (schema.maxLength !== undefined && length > schema.maxLength) this.causes.push(fieldErrors.tooLong(path, schema.maxLength));
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.causes.push(fieldErrors.invalid(path, value, `${name} in body should be at least ${schema.minLength} chars long`));
    }
    if (schema.pattern !== undefined) {
      const re = compiled(schema.pattern);
      if (re && !re.test(value)) this.causes.push(fieldErrors.invalid(path, value, `${name} in body should match '${schema.pattern}'`));
    }
  }

  private array(schema: JsonSchema, value: unknown[], path: string, name: string, depth: number): void {
    const items = schema.items;
    if (items) value.forEach((item, i) => this.node(items, item, `${path}[${i}]`, depth + 1));
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.causes.push(fieldErrors.invalid(path, value.length, `${name} in body should have at least ${schema.minItems} items`));
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) this.causes.push(fieldErrors.tooMany(path, value.length, schema.maxItems));
  }

  private object(schema: JsonSchema, value: Record<string, unknown>, path: string, name: string, depth: number): void {
    const properties = schema.properties ?? {};
    for (const [key, property] of Object.entries(properties)) {
      if (Object.hasOwn(value, key)) this.node(property, value[key], childPath(path, key), depth + 1);
    }
    const values = mapValueSchema(schema);
    if (values) {
      for (const [key, child] of Object.entries(value)) {
        if (!Object.hasOwn(properties, key)) this.node(values, child, childPath(path, key), depth + 1);
      }
    }
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(value, key)) this.causes.push(fieldErrors.required(childPath(path, key)));
    }
    if (schema["x-kubernetes-embedded-resource"]) {
      for (const key of ["apiVersion", "kind"]) {
        if (typeof value[key] !== "string" || value[key] === "") this.causes.push(fieldErrors.required(childPath(path, key), "must not be empty"));
      }
    }
    const count = Object.keys(value).length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties) this.causes.push(fieldErrors.tooMany(path, count, schema.maxProperties));
    if (schema.minProperties !== undefined && count < schema.minProperties) {
      this.causes.push(fieldErrors.invalid(path, schema.minProperties, `${name} in body should have at least ${schema.minProperties} properties`));
    }
  }

  /** allOf, anyOf, oneOf, not: value validations only (structural schemas declare types outside them). */
  private junctors(schema: JsonSchema, value: unknown, path: string, name: string, depth: number): void {
    for (const sub of schema.allOf ?? []) this.node(sub, value, path, depth + 1);
    const passes = (sub: JsonSchema) => {
      const probe = new Walker();
      probe.node(sub, value, path, depth + 1);
      return probe.causes.length === 0;
    };
    if (schema.anyOf && schema.anyOf.length > 0 && !schema.anyOf.some(passes)) {
      this.causes.push(fieldErrors.invalid(path, "", `"${name}" must validate at least one schema (anyOf)`));
    }
    if (schema.oneOf && schema.oneOf.length > 0 && schema.oneOf.filter(passes).length !== 1) {
      this.causes.push(fieldErrors.invalid(path, "", `"${name}" must validate one and only one schema (oneOf)`));
    }
    if (schema.not && passes(schema.not)) this.causes.push(fieldErrors.invalid(path, "", `"${name}" must not validate the schema (not)`));
  }
}

/**
 * The ways a custom object breaks its version's schema, as 422 causes. apiVersion, kind and metadata are the
 * API server's to check (the schema may only constrain metadata.name), so the walk covers everything else.
 */
export function validateCustomResource(schema: JsonSchema | undefined, object: Record<string, unknown>): StatusCause[] {
  if (!schema) return [];
  const walker = new Walker();
  const body = Object.fromEntries(Object.entries(object).filter(([k]) => k !== "apiVersion" && k !== "kind" && k !== "metadata"));
  const { metadata: _metadata, apiVersion: _apiVersion, kind: _kind, ...properties } = schema.properties ?? {};
  const required = (schema.required ?? []).filter((k) => k !== "apiVersion" && k !== "kind" && k !== "metadata");
  walker.node({ ...schema, type: "object", properties, required }, body, "", 0);
  return walker.causes;
}

/** The ways one value breaks one schema node (`path` names the value, as in `spec.replicas`). */
export function validateValue(schema: JsonSchema, value: unknown, path: string): StatusCause[] {
  const walker = new Walker();
  walker.node(schema, value, path, 0);
  return walker.causes;
}

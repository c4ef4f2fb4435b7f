import { describe, expect, it } from "vitest";
import { defaultCustomResource } from "./default-fields";
import type { JsonSchema } from "./json-schema";
import { pruneCustomResource } from "./prune-fields";
import { validateCustomResource } from "./validate-fields";
import { validateStructuralSchema } from "./validate-schema";

const schema: JsonSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        name: { type: "string", minLength: 3 },
        ratio: { type: "number", minimum: 0, exclusiveMinimum: true, multipleOf: 0.5 },
        count: { type: "integer", default: 2 },
        items: { type: "array", minItems: 2, items: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] } },
        template: {
          type: "object",
          "x-kubernetes-embedded-resource": true,
          "x-kubernetes-preserve-unknown-fields": true,
        },
        nested: { type: "object", default: {}, properties: { level: { type: "string", default: "info" } } },
        mode: { type: "string", anyOf: [{ pattern: "^a" }, { pattern: "^b" }] },
      },
    },
  },
};

const object = (spec: Record<string, unknown>) => ({ apiVersion: "x.io/v1", kind: "X", metadata: { name: "x" }, spec });

describe("pruning", () => {
  it("drops undeclared fields (reporting their paths) and keeps what the schema preserves", () => {
    const unknown: string[] = [];
    const pruned = pruneCustomResource(schema, { ...object({ name: "abc", bogus: 1, items: [{ id: 1, x: 2 }], template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p", bad: 1 }, spec: { any: 1 } } }), top: 1 }, unknown);
    expect(unknown).toEqual(["spec.bogus", "spec.items[0].x", "spec.template.metadata.bad", "top"]);
    expect(pruned).toEqual(object({ name: "abc", items: [{ id: 1 }], template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { any: 1 } } }));
  });

  it("cannot be tricked into changing prototypes", () => {
    const unknown: string[] = [];
    const hostile = JSON.parse('{"apiVersion":"x.io/v1","kind":"X","metadata":{},"spec":{"__proto__":{"polluted":true}}}') as Record<string, unknown>;
    const pruned = pruneCustomResource(schema, hostile, unknown);
    expect(unknown).toEqual(["spec.__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(pruned.spec)).toBe(Object.prototype);
  });
});

describe("defaulting", () => {
  it("fills missing fields top-down, including inside a default", () => {
    expect(defaultCustomResource(schema, object({})).spec).toEqual({ count: 2, nested: { level: "info" } });
    expect(defaultCustomResource(schema, object({ count: 5, nested: { level: "debug" } })).spec).toEqual({ count: 5, nested: { level: "debug" } });
  });
});

describe("validation", () => {
  it("words every failure as the API server does", () => {
    const causes = validateCustomResource(schema, object({ name: "ab", ratio: 0, items: [{}], template: { spec: {} }, mode: "c" }));
    expect(causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long',
      "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0",
      "spec.items[0].id: Required value",
      "spec.items: Invalid value: 1: spec.items in body should have at least 2 items",
      "spec.template.apiVersion: Required value: must not be empty",
      "spec.template.kind: Required value: must not be empty",
      'spec.mode: Invalid value: "": "spec.mode" must validate at least one schema (anyOf)',
    ]);
    expect(validateCustomResource(schema, object({ ratio: 0.75 })).map((c) => c.message)).toEqual([
      "Invalid value: 0.75: spec.ratio in body should be a multiple of 0.5",
    ]);
    expect(validateCustomResource(schema, object({ name: "abc", ratio: 1.5, mode: "bee" }))).toEqual([]);
  });
});

describe("structural schemas", () => {
  it("must type every field, type the root as an object, and avoid patterns that backtrack without bound", () => {
    const causes = validateStructuralSchema(
      { type: "object", properties: { spec: { type: "object", properties: { a: {}, b: { type: "array" }, c: { type: "string", pattern: "^(a+)+$" } } } } },
      "spec.versions[0].schema.openAPIV3Schema",
    );
    expect(causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[a].type: Required value: must not be empty for specified object fields",
      "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[b].items: Required value: must be specified",
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[c].pattern: Invalid value: "^(a+)+$": a repeated group may not itself contain unbounded repetition (+, * or {n,}) here',
    ]);
    const badDefault = validateStructuralSchema(
      { type: "object", properties: { spec: { type: "object", properties: { replicas: { type: "integer", default: "one" } } } } },
      "s",
    );
    expect(badDefault.map((c) => `${c.field}: ${c.message}`)).toEqual([
      's.properties[spec].properties[replicas].default: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]);
    expect(validateStructuralSchema({ type: "array", items: { type: "string" } }, "s").map((c) => c.message)).toEqual([
      'Invalid value: "array": must be object at the root',
    ]);
  });
});

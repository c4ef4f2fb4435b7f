import { describe, expect, it } from "vitest";
import { createOpenApiDocuments, openApiV2Json } from "./openapi-documents";
import { servedResources } from "./served-resources.fixture";

type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  [extension: `x-${string}`]: unknown;
};
type Operation = { parameters?: { name: string; in: string }[]; "x-kubernetes-group-version-kind"?: unknown };
type Swagger = { swagger: string; paths: Record<string, Record<string, Operation>>; definitions: Record<string, Schema> };

const doc = JSON.parse(createOpenApiDocuments(servedResources).v2Json()) as Swagger;

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

/**
 * The shapes kubectl's OpenAPI v2 model (k8s.io/kube-openapi/pkg/util/proto) accepts; any other shape fails
 * the whole document, and with it every `kubectl apply` and `explain` of kubectl <= 1.26.
 */
function parseProblems(schema: Schema, path: string): string[] {
  if (schema.$ref) return schema.$ref.startsWith("#/definitions/") && doc.definitions[schema.$ref.slice(14)] ? [] : [`${path}: dangling ${schema.$ref}`];
  const problems: string[] = [];
  if (schema.type === "array") {
    if (!schema.items) return [`${path}: array without items`];
    return parseProblems(schema.items, `${path}[]`);
  }
  if (schema.type === undefined || schema.type === "object") {
    for (const [name, property] of Object.entries(schema.properties ?? {})) problems.push(...parseProblems(property, `${path}.${name}`));
    if (typeof schema.additionalProperties === "object") problems.push(...parseProblems(schema.additionalProperties, `${path}{}`));
    return problems;
  }
  return ["string", "integer", "number", "boolean"].includes(schema.type) ? [] : [`${path}: unknown type ${schema.type}`];
}

describe("OpenAPI v2 (Swagger 2.0) document", () => {
  it("is Swagger 2.0 whose every $ref resolves", () => {
    expect(doc.swagger).toBe("2.0");
    for (const ref of refsIn(doc)) {
      expect(ref).toMatch(/^#\/definitions\//);
      expect(doc.definitions[ref.slice("#/definitions/".length)], ref).toBeDefined();
    }
  });

  it("has only definitions kubectl's v2 model can parse", () => {
    const problems = Object.entries(doc.definitions).flatMap(([name, schema]) => parseProblems(schema, name));
    expect(problems).toEqual([]);
  });

  it("lists each served kind's GVK on its definition (a list) and on its operations (one object)", () => {
    for (const r of servedResources) {
      const gvk = { group: r.group, kind: r.kind, version: r.version };
      const definition = Object.values(doc.definitions).find((d) =>
        (d["x-kubernetes-group-version-kind"] as unknown[] | undefined)?.some((g) => JSON.stringify(g) === JSON.stringify(gvk)),
      );
      expect(definition, r.kind).toBeDefined();
      const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
      expect(operations.some((op) => JSON.stringify(op["x-kubernetes-group-version-kind"]) === JSON.stringify(gvk)), r.kind).toBe(true);
    }
  });

  it("keeps a $ref property's description next to the $ref, where v2 clients read it", () => {
    const spec = doc.definitions["io.k8s.api.apps.v1.DeploymentSpec"];
    expect(spec?.properties?.template?.$ref).toBe("#/definitions/io.k8s.api.core.v1.PodTemplateSpec");
    expect(spec?.properties?.template?.description).toMatch(/pods that will be created/);
    expect(spec?.properties?.replicas).toMatchObject({ type: "integer", format: "int32" });
    expect(doc.definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({ type: "string", format: "int-or-string" });
    expect(doc.definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).not.toHaveProperty("v3OneOfTypes");
  });

  it("offers fieldValidation on PATCH", () => {
    const patch = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]?.patch;
    expect(patch?.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    expect(patch?.parameters).toContainEqual(expect.objectContaining({ name: "body", in: "body" }));
    expect(openApiV2Json(servedResources)).toBe(JSON.stringify(doc));
  });
});

import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createOpenApiDocuments, openApiV2Protobuf } from "./openapi-documents";
import { namedAny, openApiV2DocumentType } from "./openapi-v2-proto";
import { servedResources } from "./served-resources.fixture";

type Any = { yaml: string };
type NamedAny = { name: string; value: Any };
type ProtoSchema = {
  ref?: string;
  type?: { value: string[] };
  format?: string;
  description?: string;
  required?: string[];
  items?: { schema: ProtoSchema[] };
  properties?: { additionalProperties: { name: string; value: ProtoSchema }[] };
  vendorExtension?: NamedAny[];
};
type ProtoParameter = {
  parameter?: { nonBodyParameter?: { queryParameterSubSchema?: { name: string } }; bodyParameter?: { name: string } };
};
type ProtoOperation = { parameters?: ProtoParameter[]; vendorExtension?: NamedAny[] };
type ProtoDocument = {
  swagger: string;
  definitions: { additionalProperties: { name: string; value: ProtoSchema }[] };
  paths: { path: { name: string; value: Record<string, ProtoOperation | undefined> }[] };
};
type JsonSchema = {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  [key: string]: unknown;
};

const documents = createOpenApiDocuments(servedResources);
const json = JSON.parse(documents.v2Json()) as { definitions: Record<string, JsonSchema> };
const bytes = documents.v2Protobuf();
const decoded = openApiV2DocumentType.toObject(openApiV2DocumentType.decode(bytes)) as ProtoDocument;
/** kubectl reads vendor extensions with a YAML 1.1 parser (gopkg.in/yaml.v2). */
const yaml11 = (text: string): unknown => YAML.parse(text, { version: "1.1" });
const extensions = (list: NamedAny[] | undefined) => Object.fromEntries((list ?? []).map((e) => [e.name, yaml11(e.value.yaml)]));

describe("OpenAPI v2 as gnostic protobuf", () => {
  it("decodes back to the same definitions, property types, refs and required fields", () => {
    expect(decoded.swagger).toBe("2.0");
    const names = decoded.definitions.additionalProperties.map((d) => d.name);
    expect(names).toEqual(Object.keys(json.definitions));
    for (const { name, value } of decoded.definitions.additionalProperties) {
      const original = json.definitions[name] ?? {};
      expect(value.type?.value[0], name).toBe(original.type);
      expect(value.required ?? [], name).toEqual(original.required ?? []);
      for (const { name: field, value: property } of value.properties?.additionalProperties ?? []) {
        const expected = original.properties?.[field] ?? {};
        expect([property.type?.value[0], property.ref, property.format], `${name}.${field}`).toEqual([expected.type, expected.$ref, expected.format]);
        expect(property.description, `${name}.${field}`).toBe(expected.description);
      }
    }
  });

  it("encodes vendor extensions as YAML that reads back to the JSON values", () => {
    for (const { name, value } of decoded.definitions.additionalProperties) {
      const original = json.definitions[name] ?? {};
      const expected = Object.fromEntries(Object.entries(original).filter(([key]) => key.startsWith("x-")));
      expect(extensions(value.vendorExtension), name).toEqual(expected);
    }
    const podSpec = decoded.definitions.additionalProperties.find((d) => d.name === "io.k8s.api.core.v1.PodSpec");
    const containers = podSpec?.value.properties?.additionalProperties.find((p) => p.name === "containers");
    expect(extensions(containers?.value.vendorExtension)).toMatchObject({ "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge" });
    expect(yaml11((namedAny("x", "on").value as Any).yaml)).toBe("on");
    expect(yaml11((namedAny("x", { group: "", kind: "No", version: "v1" }).value as Any).yaml)).toEqual({ group: "", kind: "No", version: "v1" });
  });

  it("answers kubectl's fieldValidation check (cli-runtime QueryParamVerifier) for Deployment", () => {
    const gvk = { group: "apps", kind: "Deployment", version: "v1" };
    const patch = decoded.paths.path
      .map((p) => p.value.patch)
      .find((op) => JSON.stringify(extensions(op?.vendorExtension)["x-kubernetes-group-version-kind"]) === JSON.stringify(gvk));
    const names = patch?.parameters?.map((p) => p.parameter?.nonBodyParameter?.queryParameterSubSchema?.name);
    expect(names).toContain("fieldValidation");
  });

  it("is stable and cached", () => {
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(openApiV2Protobuf(servedResources)).toBe(openApiV2Protobuf(servedResources));
    expect(same(createOpenApiDocuments(servedResources).v2Protobuf(), bytes)).toBe(true);
    expect(bytes.length).toBeGreaterThan(100_000);
  });
});

import { describe, expect, it } from "vitest";
import { compareObjects } from "./compare-objects";
import { encodeFieldsV1 } from "./fields-v1";
import { mergeApplied } from "./merge-applied";
import { schemaForKind } from "./schema-node";
import { toFieldSet } from "./to-field-set";
import type { JsonObject } from "../patch/json-value";

const deploymentSchema = schemaForKind({ group: "apps", version: "v1", kind: "Deployment" });
const podSchema = schemaForKind({ group: "", version: "v1", kind: "Pod" });

const deployment = (containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" } },
  spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers } }, ...extra },
});

describe("compareObjects (what an update takes)", () => {
  it("owns new maps, lists and items with `.`, but not the structs every object has", () => {
    const created = compareObjects(undefined, deployment([{ name: "web", image: "nginx", ports: [{ containerPort: 80, protocol: "TCP" }] }]), deploymentSchema);
    expect(created.modified.isEmpty() && created.removed.isEmpty()).toBe(true);
    const fields = encodeFieldsV1(created.added);
    expect(fields["f:metadata"]).toEqual({ "f:labels": { ".": {}, "f:app": {} }, "f:name": {} });
    expect(fields["f:spec"]).toMatchObject({ "f:replicas": {}, "f:selector": {} });
    const template = (fields["f:spec"] as JsonObject)["f:template"] as JsonObject;
    expect(template["."]).toBeUndefined();
    const containers = (template["f:spec"] as JsonObject)["f:containers"] as JsonObject;
    expect(containers["."]).toBeUndefined();
    expect(containers['k:{"name":"web"}']).toEqual({
      ".": {},
      "f:image": {},
      "f:name": {},
      "f:ports": { ".": {}, 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {}, "f:protocol": {} } },
    });
  });

  it("sorts changes into modified leaves, added and removed paths", () => {
    const before = deployment([{ name: "web", image: "nginx" }, { name: "log", image: "fluentd" }]);
    const after = deployment([{ name: "web", image: "nginx:2" }, { name: "proxy", image: "envoy" }]);
    const changes = compareObjects(before, after, deploymentSchema);
    expect(encodeFieldsV1(changes.modified)).toEqual({
      "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {} } } } } },
    });
    expect(JSON.stringify(encodeFieldsV1(changes.added))).toContain('"k:{\\"name\\":\\"proxy\\"}":{".":{},"f:image":{},"f:name":{}}');
    expect(JSON.stringify(encodeFieldsV1(changes.removed))).toContain('"k:{\\"name\\":\\"log\\"}":{".":{},"f:image":{},"f:name":{}}');
  });

  it("treats atomic values (label selectors, service selectors, plain lists) as single leaves", () => {
    const changes = compareObjects(
      { spec: { nodeSelector: { a: "1" }, containers: [{ name: "c", args: ["a"] }] } },
      { spec: { nodeSelector: { a: "2", b: "1" }, containers: [{ name: "c", args: ["a", "b"] }] } },
      podSchema,
    );
    expect(encodeFieldsV1(changes.modified)).toEqual({
      "f:spec": { "f:containers": { 'k:{"name":"c"}': { "f:args": {} } }, "f:nodeSelector": {} },
    });
    expect(changes.added.isEmpty()).toBe(true);
  });

  it("names set-list items by value and items missing their key by position", () => {
    const changes = compareObjects({ metadata: { finalizers: ["a"] } }, { metadata: { finalizers: ["a", "b"] }, spec: { containers: [{ image: "x" }] } }, podSchema);
    expect(encodeFieldsV1(changes.added)).toEqual({
      "f:metadata": { "f:finalizers": { 'v:"b"': {} } },
      "f:spec": { "f:containers": { "i:0": { ".": {}, "f:image": {} } } },
    });
  });
});

describe("toFieldSet (what an apply owns)", () => {
  it("owns leaves and items, fills a key's schema default, and keeps empty objects as leaves", () => {
    const config = deployment([{ name: "web", image: "nginx", ports: [{ containerPort: 80 }], resources: {} }]);
    const fields = encodeFieldsV1(toFieldSet(config, deploymentSchema));
    expect(fields["f:metadata"]).toEqual({ "f:labels": { "f:app": {} }, "f:name": {} });
    const spec = fields["f:spec"] as JsonObject;
    expect(JSON.stringify(spec)).toContain('"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}},"f:resources":{}');
  });

  it("refuses an item without its key, or the same key twice", () => {
    expect(() => toFieldSet(deployment([{ image: "x" }]), deploymentSchema)).toThrow(
      '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
    expect(() => toFieldSet(deployment([{ name: "a" }, { name: "a" }]), deploymentSchema)).toThrow(
      '.spec.template.spec.containers: duplicate entries for key [name="a"]',
    );
  });
});

describe("mergeApplied", () => {
  it("merges keyed lists by key in structured-merge-diff's order, unions sets, replaces atomic values", () => {
    const live = deployment([{ name: "a", image: "1" }, { name: "b", image: "1" }, { name: "c", image: "1" }]);
    (live.metadata as JsonObject).finalizers = ["x"];
    const config = deployment([{ name: "c", image: "2" }, { name: "new", image: "2" }, { name: "a", image: "2" }], { selector: { matchLabels: { v: "2" } } });
    (config.metadata as JsonObject).finalizers = ["y"];
    const merged = mergeApplied(live, config, deploymentSchema) as JsonObject;
    const containers = ((merged.spec as JsonObject).template as { spec: { containers: { name: string; image: string }[] } }).spec.containers;
    expect(containers.map((c) => `${c.name}:${c.image}`)).toEqual(["b:1", "c:2", "new:2", "a:2"]);
    expect((merged.metadata as JsonObject).finalizers).toEqual(["x", "y"]);
    expect((merged.spec as JsonObject).selector).toEqual({ matchLabels: { v: "2" } });
  });
});

describe("custom resources", () => {
  const type = {
    group: "example.com",
    version: "v1",
    kind: "Book",
    custom: {
      schema: {
        type: "object",
        properties: {
          spec: {
            type: "object",
            properties: {
              chapters: {
                type: "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": ["title"],
                items: { type: "object", properties: { title: { type: "string" }, pages: { type: "integer" } } },
              },
              tags: { type: "array", items: { type: "string" } },
              extra: { type: "object", additionalProperties: { type: "string" } },
            },
          },
        },
      },
    },
  };

  it("follows the CRD schema: keyed lists by their map keys, other lists atomic, metadata as ObjectMeta", () => {
    const config = {
      apiVersion: "example.com/v1",
      kind: "Book",
      metadata: { name: "b", labels: { a: "1" } },
      spec: { chapters: [{ title: "One", pages: 3 }], tags: ["x", "y"], extra: { k: "v" } },
    };
    expect(encodeFieldsV1(toFieldSet(config, schemaForKind(type)))).toEqual({
      "f:apiVersion": {},
      "f:kind": {},
      "f:metadata": { "f:labels": { "f:a": {} }, "f:name": {} },
      "f:spec": { "f:chapters": { 'k:{"title":"One"}': { ".": {}, "f:pages": {}, "f:title": {} } }, "f:extra": { "f:k": {} }, "f:tags": {} },
    });
  });
});

import { describe, expect, it } from "vitest";
import { applyMergePatch, createMergePatch, MergePatchError } from "./merge-patch";
import type { JsonObject, JsonValue } from "./json-value";

describe("applyMergePatch: RFC 7386 appendix A", () => {
  const cases: [JsonValue, JsonObject | JsonValue[], JsonValue][] = [
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  cases.forEach(([document, patch, expected], i) => {
    it(`example ${i + 1}`, () => expect(applyMergePatch(document, patch)).toEqual(expected));
  });
});

describe("applyMergePatch: Kubernetes behaviour", () => {
  it("refuses a null or scalar patch with 400 Invalid JSON Patch", () => {
    for (const patch of [null, "bar", 1, true]) {
      let caught: unknown;
      try {
        applyMergePatch({ a: "foo" }, patch);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MergePatchError);
      expect(caught).toMatchObject({ message: "Invalid JSON Patch", code: 400, reason: "BadRequest", statusMessage: "Invalid JSON Patch" });
    }
  });

  it("drops nulls inside objects in newly placed lists but keeps null list items", () => {
    const result = applyMergePatch({ spec: {} }, { spec: { containers: [{ name: "a", image: null }, null] } });
    expect(result).toEqual({ spec: { containers: [{ name: "a" }, null] } });
  });

  it("keeps nulls inside a list that replaces an object", () => {
    expect(applyMergePatch({ a: { x: 1 } }, { a: [{ y: null }] })).toEqual({ a: [{ y: null }] });
  });

  it("does not modify its inputs or alias the patch", () => {
    const document = { metadata: { labels: { a: "1" } } };
    const patch = { metadata: { labels: { b: "2" }, annotations: { n: "x" } } };
    const result = applyMergePatch(document, patch) as JsonObject;
    expect(document).toEqual({ metadata: { labels: { a: "1" } } });
    patch.metadata.annotations.n = "changed";
    expect(result).toEqual({ metadata: { labels: { a: "1", b: "2" }, annotations: { n: "x" } } });
  });

  it("treats __proto__ as an ordinary key", () => {
    const patch = JSON.parse('{"data":{"__proto__":{"polluted":true}}}') as JsonObject;
    const result = applyMergePatch({ data: {} }, patch) as JsonObject;
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(Object.keys(result.data as JsonObject)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("applies what kubectl scale sends to /scale", () => {
    const scale = {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: { name: "web", namespace: "shop", resourceVersion: "41" },
      spec: { replicas: 2 },
      status: { replicas: 2, selector: "app=web" },
    };
    expect(applyMergePatch(scale, { spec: { replicas: 5 } })).toEqual({ ...scale, spec: { replicas: 5 } });
  });

  it("applies what kubectl label and kubectl annotate send", () => {
    const pod = { metadata: { name: "web", labels: { app: "web", tier: "fe" }, annotations: { note: "x" } } };
    // kubectl label pod web env=prod tier-
    const labelled = applyMergePatch(pod, { metadata: { labels: { env: "prod", tier: null } } });
    expect(labelled).toEqual({ metadata: { name: "web", labels: { app: "web", env: "prod" }, annotations: { note: "x" } } });
    // kubectl label --overwrite pod web app=api --resource-version=7
    const overwritten = applyMergePatch(pod, { metadata: { labels: { app: "api" }, resourceVersion: "7" } });
    expect(overwritten).toEqual({
      metadata: { name: "web", labels: { app: "api", tier: "fe" }, annotations: { note: "x" }, resourceVersion: "7" },
    });
    // kubectl annotate pod web note-
    expect(applyMergePatch(pod, { metadata: { annotations: { note: null } } })).toEqual({
      metadata: { name: "web", labels: { app: "web", tier: "fe" }, annotations: {} },
    });
  });

  it("removes finalizers as kubectl patch --type=merge -p '{\"metadata\":{\"finalizers\":null}}' does", () => {
    expect(applyMergePatch({ metadata: { name: "ns", finalizers: ["kubernetes"] } }, { metadata: { finalizers: null } })).toEqual({
      metadata: { name: "ns" },
    });
  });
});

describe("createMergePatch", () => {
  it("records changes, additions, removals and nested objects", () => {
    const original = { a: 1, b: { c: 2, d: 3 }, list: [1, 2], gone: "x", same: { k: "v" } };
    const modified = { a: 2, b: { c: 2, e: 4 }, list: [1, 2, 3], added: null, same: { k: "v" } };
    const patch = createMergePatch(original, modified);
    expect(patch).toEqual({ a: 2, b: { d: null, e: 4 }, list: [1, 2, 3], added: null, gone: null });
    expect(applyMergePatch(original, patch)).toEqual({ a: 2, b: { c: 2, e: 4 }, list: [1, 2, 3], same: { k: "v" } });
  });

  it("gives {} for equal documents and replaces values that change type", () => {
    expect(createMergePatch({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual({});
    expect(createMergePatch({ a: { b: 1 } }, { a: [1] })).toEqual({ a: [1] });
    expect(createMergePatch({ a: [1] }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it("produces what kubectl label sends", () => {
    const before = { metadata: { name: "web", labels: { app: "web" } } };
    const after = { metadata: { name: "web", labels: { app: "web", tier: "fe" } } };
    expect(createMergePatch(before, after)).toEqual({ metadata: { labels: { tier: "fe" } } });
  });
});

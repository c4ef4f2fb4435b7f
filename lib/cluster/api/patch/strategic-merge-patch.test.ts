import { describe, expect, it } from "vitest";
import { dropNullFields, type JsonObject } from "./json-value";
import { GENERIC_INVALID_MESSAGE } from "./patch-error";
import { patchMetaFromTable, type PatchMetaLookup } from "./patch-meta";
import { applyStrategicMergePatch, StrategicMergePatchError } from "./strategic-merge-patch";

const meta = patchMetaFromTable({
  "metadata.finalizers": { strategy: "merge" },
  "spec.containers": { strategy: "merge", mergeKey: "name" },
  "spec.containers.ports": { strategy: "merge", mergeKey: "containerPort" },
  "spec.containers.env": { strategy: "merge", mergeKey: "name" },
  "spec.volumes": { strategy: "merge,retainKeys", mergeKey: "name" },
  "spec.strategy": { strategy: "retainKeys" },
  "spec.selector": { strategy: "replace" },
  "spec.matrix": { strategy: "merge" },
  "spec.hosts": { strategy: "merge" },
});

const apply = (original: JsonObject, patch: unknown, lookup: PatchMetaLookup = meta) =>
  applyStrategicMergePatch(original, patch, lookup);

function failure(original: JsonObject, patch: unknown, lookup: PatchMetaLookup = meta): StrategicMergePatchError {
  try {
    apply(original, patch, lookup);
  } catch (error) {
    if (error instanceof StrategicMergePatchError) return error;
    throw error;
  }
  throw new Error("expected the patch to fail");
}

const containers = (...items: JsonObject[]) => ({ spec: { containers: items } });

describe("maps and scalars", () => {
  it("merges objects key by key and deletes keys set to null", () => {
    const original = { metadata: { name: "a", labels: { x: "1", y: "2" } }, spec: { replicas: 1 } };
    const patch = { metadata: { labels: { y: null, z: "3" } }, spec: { replicas: 3, paused: true } };
    expect(apply(original, patch)).toEqual({ metadata: { name: "a", labels: { x: "1", z: "3" } }, spec: { replicas: 3, paused: true } });
  });

  it("ignores null for keys that are absent and drops nulls inside new values", () => {
    expect(apply({ a: 1 }, { b: null, c: { d: null, e: 1, f: [{ g: null, h: 2 }] } })).toEqual({ a: 1, c: { e: 1, f: [{ h: 2 }] } });
  });

  it("changes nothing for an empty or null patch, and returns a copy", () => {
    const original = containers({ name: "a" });
    expect(apply(original, {})).toEqual(original);
    expect(apply(original, null)).toEqual(original);
    expect(apply(original, {})).not.toBe(original);
  });

  it("replaces a value whose type changes", () => {
    expect(apply({ x: { a: 1 }, y: [1], z: "s", n: null }, { x: [1], y: { b: null, c: 2 }, z: 5, n: { a: 1 } })).toEqual({
      x: [1],
      y: { c: 2 },
      z: 5,
      n: { a: 1 },
    });
  });

  it("replaces objects whose field is tagged replace", () => {
    const original = { spec: { selector: { matchLabels: { app: "web", tier: "fe" } } } };
    expect(apply(original, { spec: { selector: { matchLabels: { app: "api" } } } })).toEqual({
      spec: { selector: { matchLabels: { app: "api" } } },
    });
  });

  it("refuses a patch that is not an object with 400", () => {
    const error = failure({}, [{ op: "add" }]);
    expect([error.code, error.reason, error.message]).toEqual([400, "BadRequest", "json: cannot unmarshal array into Go value of type map[string]interface {}"]);
  });

  it("does not modify its inputs", () => {
    const original = containers({ name: "a", image: "1" });
    const patch = { spec: { containers: [{ name: "a", image: "2" }, { name: "b" }] } };
    const [originalText, patchText] = [JSON.stringify(original), JSON.stringify(patch)];
    apply(original, patch);
    expect([JSON.stringify(original), JSON.stringify(patch)]).toEqual([originalText, patchText]);
  });

  it("treats __proto__ as an ordinary key", () => {
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":true}}},"__proto__":{"x":1}}') as JsonObject;
    const result = apply({ metadata: { labels: {} } }, patch);
    const labels = (result.metadata as JsonObject).labels as JsonObject;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(["__proto__"]);
    expect(Object.keys(result)).toEqual(["metadata", "__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("lists", () => {
  it("replaces lists without a merge strategy", () => {
    expect(apply({ spec: { tolerations: [{ key: "a" }, { key: "b" }] } }, { spec: { tolerations: [{ key: "c" }] } })).toEqual({
      spec: { tolerations: [{ key: "c" }] },
    });
  });

  it("merges elements by key, keeping server-only elements", () => {
    const original = containers({ name: "a", image: "1" }, { name: "b", image: "1", ports: [{ containerPort: 80 }] });
    const patch = containers({ name: "b", image: "2" }, { name: "c", image: "3" });
    expect(apply(original, patch)).toEqual(
      containers({ name: "a", image: "1" }, { name: "b", image: "2", ports: [{ containerPort: 80 }] }, { name: "c", image: "3" }),
    );
  });

  it("puts a new element first when nothing orders it against the server's elements", () => {
    expect(apply(containers({ name: "a" }, { name: "b" }), containers({ name: "c" }))).toEqual(
      containers({ name: "c" }, { name: "a" }, { name: "b" }),
    );
  });

  it("orders elements the patch names by the patch, server-only ones between by their old places", () => {
    const original = containers({ name: "1" }, { name: "2", value: "b" }, { name: "3" });
    expect(apply(original, containers({ name: "3", value: "c" }, { name: "1", value: "a" }))).toEqual(
      containers({ name: "2", value: "b" }, { name: "3", value: "c" }, { name: "1", value: "a" }),
    );
  });

  it("merges nested lists by their own keys", () => {
    const original = containers({ name: "web", ports: [{ containerPort: 80, protocol: "TCP" }], env: [{ name: "A", value: "1" }] });
    const patch = containers({ name: "web", ports: [{ containerPort: 80, name: "http" }], env: [{ name: "B", value: "2" }] });
    expect(apply(original, patch)).toEqual(
      containers({
        name: "web",
        ports: [{ containerPort: 80, protocol: "TCP", name: "http" }],
        env: [{ name: "B", value: "2" }, { name: "A", value: "1" }],
      }),
    );
  });

  it("deletes a key inside an element with null", () => {
    const original = containers({ name: "web", image: "x", env: [{ name: "A", value: "1" }] });
    expect(apply(original, containers({ name: "web", env: null }))).toEqual(containers({ name: "web", image: "x" }));
  });

  it("keeps nulls inside a newly appended element, as Kubernetes does before decoding", () => {
    const result = apply(containers({ name: "web" }), containers({ name: "side", image: null }));
    expect(result).toEqual(containers({ name: "side", image: null }, { name: "web" }));
    expect(dropNullFields(result)).toEqual(containers({ name: "side" }, { name: "web" }));
  });

  it("cleans a list the original lacks: nulls and $patch elements are dropped", () => {
    const patch = { spec: { containers: [{ name: "a", image: null }, { $patch: "delete", name: "b" }] } };
    expect(apply({ spec: {} }, patch)).toEqual(containers({ name: "a" }));
  });

  it("merges into the first of duplicate elements", () => {
    const original = containers({ name: "a", image: "1" }, { name: "a", image: "2" });
    expect(apply(original, containers({ name: "a", image: "3" }))).toEqual(containers({ name: "a", image: "3" }, { name: "a", image: "2" }));
  });

  it("merges duplicate patch elements into one", () => {
    const patch = containers({ name: "a", image: "1" }, { name: "a", tag: "2" });
    expect(apply(containers({ name: "b" }), patch)).toEqual(containers({ name: "a", image: "1", tag: "2" }, { name: "b" }));
  });

  it("merges scalar lists tagged merge as sets", () => {
    const original = { metadata: { finalizers: ["a", "b"] } };
    expect(apply(original, { metadata: { finalizers: ["b", "c"] } })).toEqual({ metadata: { finalizers: ["a", "b", "c"] } });
    expect(apply(original, { metadata: { finalizers: ["c"] } })).toEqual({ metadata: { finalizers: ["c", "a", "b"] } });
    expect(apply(original, { metadata: { finalizers: ["a", "a"] } })).toEqual({ metadata: { finalizers: ["a", "b"] } });
    expect(apply({ metadata: { finalizers: [] } }, { metadata: { finalizers: [] } })).toEqual({ metadata: { finalizers: [] } });
  });
});

describe("failures", () => {
  it("requires the merge key on patch elements and original elements (500)", () => {
    const missing = failure(containers({ name: "a" }), containers({ image: "nginx" }));
    expect([missing.message, missing.code, missing.reason, missing.statusMessage]).toEqual([
      "map: map[image:nginx] does not contain declared merge key: name",
      500,
      "",
      "map: map[image:nginx] does not contain declared merge key: name",
    ]);
    expect(failure(containers({ image: "x" }), containers({ name: "a" })).message).toBe(
      "map: map[image:x] does not contain declared merge key: name",
    );
  });

  it("refuses lists of lists with 422", () => {
    const error = failure({ spec: { matrix: [[1]] } }, { spec: { matrix: [[2]] } });
    expect([error.message, error.code, error.reason, error.statusMessage]).toEqual([
      "lists of lists are not supported",
      422,
      "Invalid",
      GENERIC_INVALID_MESSAGE,
    ]);
  });

  it("refuses lists mixing element types", () => {
    expect(failure({ metadata: { finalizers: ["a"] } }, { metadata: { finalizers: [1] } }).message).toBe(
      "list element types are not identical: [[a] [1]]",
    );
  });

  it("refuses to merge objects in a list without a declared merge key", () => {
    expect(failure({ spec: { hosts: [{ a: 1 }] } }, { spec: { hosts: [{ b: 2 }] } }).message).toBe(
      "cannot merge lists without merge key for spec.hosts",
    );
  });

  it("refuses metadata with an impossible strategy", () => {
    const broken: PatchMetaLookup = () => ({ strategy: "merge,replace" as "merge" });
    expect(failure({ a: { b: 1 } }, { a: { b: 2 } }, broken).message).toBe("unexpected patch strategy: [merge replace]");
  });
});

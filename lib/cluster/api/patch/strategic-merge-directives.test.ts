import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-value";
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

describe("$patch directives", () => {
  it("deletes list elements by merge key, every duplicate included", () => {
    const original = containers({ name: "a" }, { name: "b" }, { name: "c" }, { name: "b", image: "dup" });
    expect(apply(original, containers({ $patch: "delete", name: "b" }))).toEqual(containers({ name: "a" }, { name: "c" }));
    expect(apply(containers({ name: "a" }), containers({ $patch: "delete", name: "zzz" }))).toEqual(containers({ name: "a" }));
    expect(apply(containers({ name: "a" }), containers({ $patch: "delete", name: "a" }))).toEqual(containers());
  });

  it("replaces a whole list with $patch: replace", () => {
    const original = containers({ name: "a" }, { name: "b" });
    expect(apply(original, containers({ $patch: "replace" }, { name: "x", image: "i" }))).toEqual(containers({ name: "x", image: "i" }));
    expect(apply(original, containers({ $patch: "replace" }))).toEqual(containers());
  });

  it("replaces or empties an object with $patch on it", () => {
    const original = { spec: { containers: [{ name: "a" }], nodeName: "n1" } };
    expect(apply(original, { spec: { $patch: "replace", containers: [{ name: "x" }] } })).toEqual({ spec: { containers: [{ name: "x" }] } });
    expect(apply(original, { spec: { $patch: "delete" } })).toEqual({ spec: {} });
    expect(apply(original, { $patch: "delete" })).toEqual({});
  });

  it("drops an object carrying $patch where the original has none", () => {
    expect(apply({ a: 1 }, { spec: { $patch: "replace", x: 1 } })).toEqual({ a: 1 });
  });

  it("refuses $patch: merge and unknown directives in lists, and unknown directives on objects", () => {
    expect(failure(containers({ name: "a" }), containers({ $patch: "merge", name: "a" })).message).toBe(
      "merging lists cannot yet be specified in the patch",
    );
    const unknown = failure(containers({ name: "a" }), containers({ $patch: "bogus", name: "a" }));
    expect([unknown.message, unknown.code, unknown.reason]).toEqual(["unknown patch type: bogus in map: map[$patch:bogus name:a]", 500, ""]);
    expect(failure({ spec: {} }, { spec: { $patch: 1 } }).message).toBe("unknown patch type: %!s(int64=1) in map: map[$patch:1]");
  });

  it("requires the merge key on a deletion", () => {
    expect(failure(containers({ name: "a" }), containers({ $patch: "delete" })).message).toBe(
      "map: map[$patch:delete] does not contain declared merge key: name",
    );
  });
});

describe("$deleteFromPrimitiveList", () => {
  it("removes values from a scalar list", () => {
    const original = { metadata: { finalizers: ["a", "b", "c"] } };
    expect(apply(original, { metadata: { "$deleteFromPrimitiveList/finalizers": ["b", "x"] } })).toEqual({ metadata: { finalizers: ["a", "c"] } });
    expect(apply(original, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a", "b", "c"] } })).toEqual({ metadata: { finalizers: [] } });
  });

  it("does nothing when the list is absent", () => {
    expect(apply({ metadata: {} }, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } })).toEqual({ metadata: {} });
  });

  it("refuses a malformed directive key with 400", () => {
    const error = failure({ metadata: { finalizers: ["a"] } }, { metadata: { $deleteFromPrimitiveListfinalizers: ["a"] } });
    expect([error.message, error.code, error.reason]).toEqual(["invalid patch format of primitive list", 400, "BadRequest"]);
  });
});

describe("$setElementOrder", () => {
  it("reorders a list the patch does not otherwise change", () => {
    const original = containers({ name: "a", image: "1" }, { name: "b", image: "1" });
    expect(apply(original, { spec: { "$setElementOrder/containers": [{ name: "b" }, { name: "a" }] } })).toEqual(
      containers({ name: "b", image: "1" }, { name: "a", image: "1" }),
    );
  });

  it("merges the list and orders it, leaving server-only elements near their old places", () => {
    const original = containers({ name: "a", image: "1" }, { name: "s" }, { name: "b", image: "1" });
    const patch = { spec: { "$setElementOrder/containers": [{ name: "b" }, { name: "a" }], containers: [{ name: "a", image: "2" }] } };
    expect(apply(original, patch)).toEqual(containers({ name: "s" }, { name: "b", image: "1" }, { name: "a", image: "2" }));
  });

  it("orders a list the original lacks, and ignores an order for a list neither side has", () => {
    const order = [{ name: "b" }, { name: "c" }, { name: "a" }];
    const patch = { spec: { "$setElementOrder/containers": order, containers: [{ name: "b" }, { name: "a", image: null }] } };
    expect(apply({ spec: {} }, patch)).toEqual(containers({ name: "b" }, { name: "a", image: null }));
    expect(apply({ spec: {} }, { spec: { "$setElementOrder/containers": [{ name: "a" }] } })).toEqual({ spec: {} });
  });

  it("requires the merge key in the order list", () => {
    const patch = { spec: { "$setElementOrder/containers": [{}], containers: [{ name: "a" }] } };
    expect(failure(containers({ name: "a" }), patch).message).toBe("map: map[] does not contain declared merge key: name");
  });

  it("orders scalar lists", () => {
    const original = { metadata: { finalizers: ["a", "b"] } };
    const patch = { metadata: { "$setElementOrder/finalizers": ["b", "a", "c"], finalizers: ["c"] } };
    expect(apply(original, patch)).toEqual({ metadata: { finalizers: ["b", "a", "c"] } });
  });

  it("refuses a patch list whose order disagrees", () => {
    const patch = { spec: { "$setElementOrder/containers": [{ name: "a" }], containers: [{ name: "b", image: "2" }] } };
    expect(failure(containers({ name: "a" }), patch).message).toBe(
      "The order in patch list:\n[map[image:2 name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n",
    );
  });

  it("refuses a directive that is not a list (500) or has a malformed key (400)", () => {
    expect(failure(containers(), { spec: { "$setElementOrder/containers": "a" } }).message).toBe(
      "expected a []interface {}, but received a string",
    );
    const malformed = failure(containers(), { spec: { $setElementOrderContainers: [] } });
    expect([malformed.message, malformed.code]).toEqual(["invalid patch format of setElementOrder list", 400]);
  });
});

describe("$retainKeys", () => {
  it("clears keys the directive does not list", () => {
    const original = { spec: { volumes: [{ name: "data", emptyDir: {} }] } };
    const patch = { spec: { volumes: [{ $retainKeys: ["configMap", "name"], name: "data", configMap: { name: "cfg" } }] } };
    expect(apply(original, patch)).toEqual({ spec: { volumes: [{ name: "data", configMap: { name: "cfg" } }] } });
  });

  it("allows nulls for unlisted keys and refuses other unlisted keys with 400", () => {
    const original = { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } };
    expect(apply(original, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } } })).toEqual({
      spec: { strategy: { type: "Recreate" } },
    });
    const error = failure(original, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: {} } } });
    expect([error.message, error.code]).toEqual(["invalid patch format of retainKeys", 400]);
    expect(failure(original, { spec: { strategy: { $retainKeys: "type" } } }).message).toBe("invalid patch format of retainKeys");
  });

  it("stays in an object the original lacks, as in Kubernetes before decoding", () => {
    expect(apply({ spec: {} }, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } })).toEqual({
      spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } },
    });
  });
});

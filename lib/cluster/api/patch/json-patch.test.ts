import { describe, expect, it } from "vitest";
import { GENERIC_INVALID_MESSAGE } from "./patch-error";
import { applyJsonPatch, decodeJsonPatch, JsonPatchError, MAX_JSON_PATCH_OPERATIONS } from "./json-patch";
import type { JsonObject, JsonValue } from "./json-value";

function failure(document: JsonValue, patch: unknown, options?: Parameters<typeof applyJsonPatch>[2]): JsonPatchError {
  try {
    applyJsonPatch(document, patch, options);
  } catch (error) {
    if (error instanceof JsonPatchError) return error;
    throw error;
  }
  throw new Error("expected the patch to fail");
}

const doc = (): JsonObject => ({
  metadata: { name: "web", labels: { app: "web" } },
  spec: { replicas: 1, list: ["a", "b", "c"] },
});

describe("applyJsonPatch: operations", () => {
  it("adds object members, array elements, and appends with -", () => {
    const result = applyJsonPatch(doc(), [
      { op: "add", path: "/metadata/labels/tier", value: "fe" },
      { op: "add", path: "/spec/list/0", value: "first" },
      { op: "add", path: "/spec/list/-", value: "last" },
      { op: "add", path: "/spec/list/5", value: "at-length" },
      { op: "add", path: "/spec/template", value: { x: [1, { y: null }] } },
    ]);
    expect(result).toEqual({
      metadata: { name: "web", labels: { app: "web", tier: "fe" } },
      spec: { replicas: 1, list: ["first", "a", "b", "c", "last", "at-length"], template: { x: [1, { y: null }] } },
    });
  });

  it("replaces an existing member when adding", () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: "add", path: "/a", value: 2 }])).toEqual({ a: 2 });
  });

  it("adds null when the value is missing or null", () => {
    expect(applyJsonPatch({}, [{ op: "add", path: "/a" }, { op: "add", path: "/b", value: null }])).toEqual({ a: null, b: null });
  });

  it("removes members and elements", () => {
    const result = applyJsonPatch(doc(), [
      { op: "remove", path: "/metadata/labels/app" },
      { op: "remove", path: "/spec/list/1" },
    ]);
    expect(result).toEqual({ metadata: { name: "web", labels: {} }, spec: { replicas: 1, list: ["a", "c"] } });
  });

  it("replaces members, elements and the whole document", () => {
    expect(applyJsonPatch(doc(), [{ op: "replace", path: "/spec/replicas", value: 3 }, { op: "replace", path: "/spec/list/2", value: "z" }])).toEqual({
      metadata: { name: "web", labels: { app: "web" } },
      spec: { replicas: 3, list: ["a", "b", "z"] },
    });
    expect(applyJsonPatch(doc(), [{ op: "replace", path: "", value: { fresh: true } }])).toEqual({ fresh: true });
  });

  it("sets a missing member on replace, as Kubernetes' JSON patch library does", () => {
    expect(applyJsonPatch({ metadata: {} }, [{ op: "replace", path: "/metadata/annotations", value: { a: "1" } }])).toEqual({
      metadata: { annotations: { a: "1" } },
    });
  });

  it("moves and copies", () => {
    const result = applyJsonPatch(doc(), [
      { op: "move", from: "/metadata/labels/app", path: "/metadata/labels/name" },
      { op: "move", from: "/spec/list/0", path: "/spec/list/-" },
      { op: "copy", from: "/metadata/labels", path: "/spec/selector" },
      { op: "copy", from: "/spec/list/0", path: "/spec/list/0" },
    ]);
    expect(result).toEqual({
      metadata: { name: "web", labels: { name: "web" } },
      spec: { replicas: 1, list: ["b", "b", "c", "a"], selector: { name: "web" } },
    });
    // The copy is independent of its source.
    const copied = applyJsonPatch({ a: { b: 1 } }, [{ op: "copy", from: "/a", path: "/c" }, { op: "replace", path: "/c/b", value: 2 }]);
    expect(copied).toEqual({ a: { b: 1 }, c: { b: 2 } });
  });

  it("moves a value onto itself without change", () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: "move", from: "/a", path: "/a" }])).toEqual({ a: 1 });
  });

  it("tests values structurally", () => {
    const patch = [
      { op: "test", path: "/metadata/labels", value: { app: "web" } },
      { op: "test", path: "/spec/list", value: ["a", "b", "c"] },
      { op: "test", path: "/spec/replicas", value: 1 },
      { op: "test", path: "/metadata/missing", value: null },
      { op: "test", path: "", value: doc() },
      { op: "replace", path: "/spec/replicas", value: 2 },
    ];
    expect(applyJsonPatch(doc(), patch)).toMatchObject({ spec: { replicas: 2 } });
  });

  it("decodes ~0 and ~1 in tokens and handles the empty key", () => {
    const annotations = { "kubectl.kubernetes.io/last-applied-configuration": "{}", "a~b": "x" };
    const result = applyJsonPatch({ metadata: { annotations } }, [
      { op: "remove", path: "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration" },
      { op: "replace", path: "/metadata/annotations/a~0b", value: "y" },
      { op: "add", path: "/", value: "root-empty-key" },
    ]);
    expect(result).toEqual({ metadata: { annotations: { "a~b": "y" } }, "": "root-empty-key" });
  });

  it("counts negative indexes from the end", () => {
    const list = { l: ["a", "b", "c"] };
    expect(applyJsonPatch(list, [{ op: "remove", path: "/l/-1" }])).toEqual({ l: ["a", "b"] });
    expect(applyJsonPatch(list, [{ op: "replace", path: "/l/-3", value: "z" }])).toEqual({ l: ["z", "b", "c"] });
    expect(applyJsonPatch(list, [{ op: "add", path: "/l/-1", value: "end" }])).toEqual({ l: ["a", "b", "c", "end"] });
  });

  it("treats an empty or null patch as no change, returning a copy", () => {
    const original = doc();
    const result = applyJsonPatch(original, []);
    expect(result).toEqual(original);
    expect(result).not.toBe(original);
    expect(applyJsonPatch(original, null)).toEqual(original);
  });

  it("works on a document that is an array", () => {
    expect(applyJsonPatch([1, 2], [{ op: "add", path: "/-", value: 3 }])).toEqual([1, 2, 3]);
  });
});

describe("applyJsonPatch: failures", () => {
  const cases: [string, unknown[], string][] = [
    ["add below a missing member", [{ op: "add", path: "/spec/foo/bar", value: 1 }], 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value'],
    ["add to the root", [{ op: "add", path: "", value: {} }], 'add operation does not apply: doc is missing path: "": missing value'],
    ["add without a path", [{ op: "add", value: 1 }], "add operation failed to decode path: missing value"],
    ["add past the end", [{ op: "add", path: "/spec/list/4", value: 1 }], "error in add for path: '/spec/list/4': Unable to access invalid index: 4: invalid index referenced"],
    ["add at a word index", [{ op: "add", path: "/spec/list/x", value: 1 }], `error in add for path: '/spec/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    ["remove a missing member", [{ op: "remove", path: "/metadata/labels/nope" }], "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value"],
    ["remove under a primitive", [{ op: "remove", path: "/spec/replicas/x" }], 'remove operation does not apply: doc is missing path: "/spec/replicas/x": missing value'],
    ["remove past the end", [{ op: "remove", path: "/spec/list/3" }], "error in remove for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced"],
    ["remove too far from the end", [{ op: "remove", path: "/spec/list/-4" }], "error in remove for path: '/spec/list/-4': Unable to access invalid index: -4: invalid index referenced"],
    ["replace past the end", [{ op: "replace", path: "/spec/list/3", value: 1 }], "replace operation does not apply: doc is missing key: /spec/list/3: Unable to access invalid index: 3: invalid index referenced"],
    ["replace below a missing member", [{ op: "replace", path: "/status/phase", value: "x" }], "replace operation does not apply: doc is missing path: /status/phase: missing value"],
    ["replace with a numeric path", [{ op: "replace", path: 7, value: 1 }], "replace operation failed to decode path: json: cannot unmarshal number into Go value of type string"],
    ["replace without a path", [{ op: "replace", value: 1 }], "replace operation failed to decode path: operation missing path field: missing value"],
    ["replace the document with a string", [{ op: "replace", path: "", value: "x" }], "replace operation value must be object or array: %!w(<nil>)"],
    ["move from a missing member", [{ op: "move", from: "/metadata/nope", path: "/a" }], "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"],
    ["move without from", [{ op: "move", path: "/a" }], "move operation failed to decode from: operation, missing from field: missing value"],
    ["move into its own child", [{ op: "move", from: "/metadata", path: "/metadata/inner" }], "move operation does not apply: doc is missing destination path: /metadata/inner: missing value"],
    ["copy from below a missing member", [{ op: "copy", from: "/a/b", path: "/c" }], "copy operation does not apply: doc is missing from path: /a/b: missing value"],
    ["copy to a missing parent", [{ op: "copy", from: "/spec", path: "/x/y" }], "copy operation does not apply: doc is missing destination path: /x/y: missing value"],
    ["test a different value", [{ op: "test", path: "/spec/replicas", value: 2 }], "testing value /spec/replicas failed: test failed"],
    ["test a missing member for a value", [{ op: "test", path: "/spec/nope", value: 1 }], "testing value /spec/nope failed: test failed"],
    ["test a missing index", [{ op: "test", path: "/spec/list/9", value: 1 }], "error in test for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced"],
    ["test below a missing member", [{ op: "test", path: "/a/b", value: 1 }], "test operation does not apply: is missing path: /a/b: missing value"],
    ["test the whole document", [{ op: "test", path: "", value: {} }], "testing value  failed: test failed"],
    ["an unknown op", [{ op: "merge", path: "/a" }], "Unexpected kind: merge"],
    ["a missing op", [{ path: "/a" }], "Unexpected kind: unknown"],
    ["a null operation", [null], "Unexpected kind: unknown"],
  ];
  for (const [name, patch, message] of cases) {
    it(`reports ${name}`, () => {
      const error = failure(doc(), patch);
      expect(error.message).toBe(message);
      expect(error.code).toBe(422);
      expect(error.reason).toBe("Invalid");
      expect(error.statusMessage).toBe(GENERIC_INVALID_MESSAGE);
    });
  }

  it("reports indexes beyond what Go's Atoi or any document can hold", () => {
    const list = { l: [1] };
    expect(failure(list, [{ op: "remove", path: "/l/99999999999999999999" }]).message).toBe(
      `error in remove for path: '/l/99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range`,
    );
    expect(failure(list, [{ op: "add", path: "/l/99999999999999999999", value: 1 }]).message).toBe(
      `error in add for path: '/l/99999999999999999999': value was not a proper array index: '99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range`,
    );
    expect(failure(list, [{ op: "add", path: "/l/9007199254740993", value: 1 }]).message).toBe(
      "error in add for path: '/l/9007199254740993': Unable to access invalid index: 9007199254740993: invalid index referenced",
    );
    expect(failure(list, [{ op: "add", path: "/l/x/y", value: 1 }]).message).toBe(
      'add operation does not apply: doc is missing path: "/l/x/y": missing value',
    );
  });

  it("names the failing operation's index, op and path", () => {
    const error = failure(doc(), [
      { op: "test", path: "/spec/replicas", value: 1 },
      { op: "replace", path: "/spec/replicas", value: 5 },
      { op: "remove", path: "/spec/foo" },
    ]);
    expect([error.operationIndex, error.op, error.path]).toEqual([2, "remove", "/spec/foo"]);
  });

  it("is atomic: a late failure leaves the input untouched", () => {
    const original = doc();
    const before = JSON.parse(JSON.stringify(original)) as JsonObject;
    failure(original, [
      { op: "replace", path: "/spec/replicas", value: 9 },
      { op: "remove", path: "/spec/list/0" },
      { op: "add", path: "/metadata/labels/x", value: "y" },
      { op: "test", path: "/spec/replicas", value: 1 },
    ]);
    expect(original).toEqual(before);
  });

  it("does not alias the patch's values into the result", () => {
    const value = { nested: { a: 1 } };
    const result = applyJsonPatch({}, [{ op: "add", path: "/v", value }]) as JsonObject;
    value.nested.a = 2;
    expect(result).toEqual({ v: { nested: { a: 1 } } });
  });
});

describe("decodeJsonPatch and limits", () => {
  it("rejects a patch that is not a list of operations with 400", () => {
    for (const [patch, message] of [
      [{ op: "add" }, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"],
      ["x", "json: cannot unmarshal string into Go value of type jsonpatch.Patch"],
      [[1], "json: cannot unmarshal number into Go value of type jsonpatch.Operation"],
      [[[]], "json: cannot unmarshal array into Go value of type jsonpatch.Operation"],
    ] as const) {
      const error = failure({}, patch);
      expect([error.message, error.code, error.reason, error.statusMessage]).toEqual([message, 400, "BadRequest", message]);
    }
  });

  it("allows 10000 operations and refuses more with 413", () => {
    const ops = (n: number) => Array.from({ length: n }, () => ({ op: "test", path: "/a", value: 1 }));
    expect(decodeJsonPatch(ops(MAX_JSON_PATCH_OPERATIONS))).toHaveLength(10_000);
    const error = failure({ a: 1 }, ops(10_001));
    expect([error.code, error.reason, error.message]).toEqual([
      413,
      "RequestEntityTooLarge",
      "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
    ]);
    expect(failure({ a: 1 }, ops(3), { maxOperations: 2 }).code).toBe(413);
  });

  it("limits the bytes copies add", () => {
    const big = { blob: "x".repeat(1000) };
    const patch = [{ op: "copy", from: "/blob", path: "/c1" }, { op: "copy", from: "/blob", path: "/c2" }];
    expect(Object.keys(applyJsonPatch(big, patch, { maxCopyBytes: 2004 }) as JsonObject)).toEqual(["blob", "c1", "c2"]);
    expect(failure(big, patch, { maxCopyBytes: 2003 }).message).toBe(
      "Unable to complete the copy, the accumulated size increase of copy is 2004, exceeding the limit 2003",
    );
  });

  it("copies a missing member as null, as Kubernetes' JSON patch library does", () => {
    expect(applyJsonPatch({ a: {} }, [{ op: "copy", from: "/a/nope", path: "/b" }])).toEqual({ a: {}, b: null });
  });
});

describe("applyJsonPatch: prototype safety", () => {
  it("treats __proto__ and constructor as ordinary keys", () => {
    const result = applyJsonPatch({ data: {} }, [
      { op: "add", path: "/data/__proto__", value: { polluted: true } },
      { op: "add", path: "/data/constructor", value: "c" },
      { op: "add", path: "/__proto__", value: { polluted: true } },
    ]) as JsonObject;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(Object.keys(result.data as JsonObject)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse('{"data":{"__proto__":{"polluted":true},"constructor":"c"},"__proto__":{"polluted":true}}'));
  });

  it("does not find inherited members", () => {
    expect(failure({}, [{ op: "remove", path: "/toString" }]).message).toBe(
      "error in remove for path: '/toString': Unable to remove nonexistent key: toString: missing value",
    );
    expect(failure({}, [{ op: "add", path: "/constructor/prototype/x", value: 1 }]).message).toBe(
      'add operation does not apply: doc is missing path: "/constructor/prototype/x": missing value',
    );
    expect(failure({}, [{ op: "test", path: "/__proto__", value: {} }]).message).toBe("testing value /__proto__ failed: test failed");
  });
});

import { describe, expect, it } from "vitest";
import { goFloat, goTypeName, goValue, jsonKindName } from "./go-format";
import {
  escapePointerToken,
  formatPointer,
  JsonPointerError,
  parsePointer,
  resolvePointer,
  unescapePointerToken,
} from "./json-pointer";
import { cloneJson, dropNullFields, jsonByteLength, jsonEqual, type JsonValue } from "./json-value";

describe("JSON pointers (RFC 6901)", () => {
  const document = { foo: ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, 'k"l': 6, " ": 7, "m~n": 8 };

  it("resolves the RFC's examples", () => {
    const cases: [string, JsonValue][] = [
      ["", document],
      ["/foo", ["bar", "baz"]],
      ["/foo/0", "bar"],
      ["/", 0],
      ["/a~1b", 1],
      ["/c%d", 2],
      ["/e^f", 3],
      ["/g|h", 4],
      ["/i\\j", 5],
      ['/k"l', 6],
      ["/ ", 7],
      ["/m~0n", 8],
    ];
    for (const [pointer, value] of cases) expect(resolvePointer(document, pointer), pointer).toEqual(value);
  });

  it("finds nothing for missing members, bad indexes and inherited properties", () => {
    expect(resolvePointer(document, "/nope")).toBeUndefined();
    expect(resolvePointer(document, "/foo/2")).toBeUndefined();
    expect(resolvePointer(document, "/foo/01")).toBeUndefined();
    expect(resolvePointer(document, "/foo/-")).toBeUndefined();
    expect(resolvePointer(document, "/foo/0/x")).toBeUndefined();
    expect(resolvePointer(document, "/constructor")).toBeUndefined();
  });

  it("escapes and unescapes tokens in the right order", () => {
    expect(escapePointerToken("a/b~c")).toBe("a~1b~0c");
    expect(unescapePointerToken("~01")).toBe("~1");
    expect(unescapePointerToken("a~1b~0c~2")).toBe("a/b~c~2");
    expect(formatPointer(["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"])).toBe(
      "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration",
    );
    expect(parsePointer("/a~1b/~0")).toEqual(["a/b", "~"]);
    expect(parsePointer("")).toEqual([]);
    expect(() => parsePointer("a/b")).toThrow(JsonPointerError);
  });
});

describe("Go formatting", () => {
  it("prints values as fmt's %v does", () => {
    expect(goValue({ name: "a", image: "nginx", ports: [{ containerPort: 80 }], ok: true, none: null })).toBe(
      "map[image:nginx name:a none:<nil> ok:true ports:[map[containerPort:80]]]",
    );
    expect(goValue(undefined)).toBe("<nil>");
    expect([goFloat(1.5), goFloat(1e-7), goFloat(2.5e21), goFloat(-3)]).toEqual(["1.5", "1e-07", "2.5e+21", "-3"]);
  });

  it("names types as reflect and encoding/json do", () => {
    expect([{}, [], "s", 1, 1.5, true, null].map((v) => goTypeName(v))).toEqual([
      "map[string]interface {}",
      "[]interface {}",
      "string",
      "int64",
      "float64",
      "bool",
      "<nil>",
    ]);
    expect([{}, [], "s", 1, true, null].map((v) => jsonKindName(v))).toEqual(["object", "array", "string", "number", "bool", "null"]);
  });
});

describe("JSON values", () => {
  it("clones deeply and rejects what is not JSON", () => {
    const value = { a: [{ b: 1 }] };
    const copy = cloneJson(value);
    expect(copy).toEqual(value);
    expect(copy.a[0]).not.toBe(value.a[0]);
    expect(() => cloneJson({ a: undefined } as unknown as JsonValue)).toThrow(TypeError);
    expect(() => cloneJson({ a: Number.NaN })).toThrow(TypeError);
  });

  it("compares structurally, ignoring key order", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
    expect(jsonEqual(null, undefined)).toBe(false);
  });

  it("drops null fields everywhere, as typed decoding does", () => {
    expect(dropNullFields({ a: null, b: { c: null, d: 1 }, e: [{ f: null }, null] })).toEqual({ b: { d: 1 }, e: [{}, null] });
  });

  it("measures JSON text in bytes", () => {
    expect(jsonByteLength({ a: "é" })).toBe(10);
  });
});

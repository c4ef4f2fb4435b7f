import { describe, expect, it } from "vitest";
import { FieldSet } from "./field-set";
import { decodeFieldsV1, encodeFieldsV1 } from "./fields-v1";
import { displayPath, fieldElement as f, keyElement, valueElement } from "./path-element";

describe("FieldsV1", () => {
  const container = ["spec", "template", "spec", "containers"].map(f).concat(keyElement({ name: "web" }));
  const port = [...container, f("ports"), keyElement({ protocol: "TCP", containerPort: 8080 })];
  const set = new FieldSet([
    [f("metadata"), f("labels"), f("app")],
    [f("spec"), f("replicas")],
    container,
    [...container, f("image")],
    port,
    [...port, f("containerPort")],
    [f("metadata"), f("finalizers"), valueElement("example.com/x")],
  ]);

  it("encodes a set as Kubernetes' trie: members as {}, `.` for a member with members below", () => {
    expect(encodeFieldsV1(set)).toEqual({
      "f:metadata": { "f:finalizers": { 'v:"example.com/x"': {} }, "f:labels": { "f:app": {} } },
      "f:spec": {
        "f:replicas": {},
        "f:template": {
          "f:spec": {
            "f:containers": {
              'k:{"name":"web"}': {
                ".": {},
                "f:image": {},
                "f:ports": { 'k:{"containerPort":8080,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
              },
            },
          },
        },
      },
    });
  });

  it("writes `.` first and sorts fields before keyed items", () => {
    const text = JSON.stringify(encodeFieldsV1(new FieldSet([[f("a")], [f("a"), f("z")], [f("a"), keyElement({ k: 1 })], [f("a"), f("b")]])));
    expect(text).toBe('{"f:a":{".":{},"f:b":{},"f:z":{},"k:{\\"k\\":1}":{}}}');
  });

  it("decodes what it encodes, and canonicalises keys a client wrote in another order", () => {
    expect(decodeFieldsV1(encodeFieldsV1(set)).equals(set)).toBe(true);
    const decoded = decodeFieldsV1({ "f:ports": { 'k:{"protocol":"TCP","containerPort":80}': { ".": {} } } });
    expect(decoded.has([f("ports"), keyElement({ containerPort: 80, protocol: "TCP" })])).toBe(true);
  });

  it("refuses what is not a trie", () => {
    for (const bad of [[], "x", { "x:a": {} }, { "f:a": 1 }, { ".": {} }, { 'k:{"a"': {} }, { "k:{}": {} }, { "i:-1": {} }]) {
      expect(() => decodeFieldsV1(bad), JSON.stringify(bad)).toThrow();
    }
  });

  it("prints paths the way conflicts name them", () => {
    expect(displayPath([f("spec"), f("replicas")])).toBe(".spec.replicas");
    expect(displayPath([...container, f("image")])).toBe('.spec.template.spec.containers[name="web"].image');
    expect(displayPath(port)).toBe('.spec.template.spec.containers[name="web"].ports[containerPort=8080,protocol="TCP"]');
    expect(displayPath([f("metadata"), f("finalizers"), valueElement("x")])).toBe('.metadata.finalizers[="x"]');
  });
});

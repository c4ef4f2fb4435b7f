import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../status";
import { decodeKubernetesProtobuf, ProtobufBodyError } from "./decode-kubernetes-protobuf";
import { encodeBody, encodeMessage, wrapInUnknown } from "./test-encoder";

const NAMESPACE = "k8s.io.api.core.v1.Namespace";
const namespace = (fields: Record<string, unknown> = {}) => encodeBody("v1", "Namespace", NAMESPACE, { metadata: { name: "demo" }, ...fields });
const withRaw = (raw: Uint8Array, apiVersion = "v1", kind = "Namespace") => wrapInUnknown({ typeMeta: { apiVersion, kind }, raw });
const field = (number: number, wireType: number, write: (writer: protobuf.Writer) => void) => {
  const writer = protobuf.Writer.create().uint32((number << 3) | wireType);
  write(writer);
  return writer.finish();
};
const decodeError = (body: Uint8Array, limits?: Parameters<typeof decodeKubernetesProtobuf>[1]) => {
  try {
    decodeKubernetesProtobuf(body, limits);
  } catch (error) {
    return error;
  }
  throw new Error("expected the body to be refused");
};

describe("bodies that are refused", () => {
  it("refuses them with a 400 BadRequest Status", () => {
    const error = decodeError(new Uint8Array([1, 2, 3, 4, 5]));
    expect(error).toBeInstanceOf(ProtobufBodyError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toStatus()).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: 'unable to decode protobuf body: the body does not start with "k8s\\x00"',
    });
  });

  it("refuses a body cut short", () => {
    const body = namespace({ spec: { finalizers: ["kubernetes"] } });
    for (const cut of [1, 3, 8]) {
      expect(() => decodeKubernetesProtobuf(body.subarray(0, body.length - cut))).toThrow(
        /unable to decode protobuf body: .*(truncated|unexpected end of data)/,
      );
    }
    expect(() => decodeKubernetesProtobuf(new Uint8Array([0x6b, 0x38, 0x73]))).toThrow(/does not start with/);
  });

  it("refuses an envelope without apiVersion or kind", () => {
    expect(() => decodeKubernetesProtobuf(new Uint8Array([0x6b, 0x38, 0x73, 0x00]))).toThrow(
      "unable to decode protobuf body: the object has no apiVersion or kind",
    );
  });

  it("refuses kinds and groups it has no schema for", () => {
    const raw = encodeMessage(NAMESPACE, {});
    expect(() => decodeKubernetesProtobuf(withRaw(raw, "v1", "Bogus"))).toThrow(
      "unable to decode protobuf body: no protobuf schema for Bogus in v1",
    );
    expect(() => decodeKubernetesProtobuf(withRaw(raw, "example.com/v1", "Widget"))).toThrow(
      'no protobuf schema for API group "example.com" (Widget in example.com/v1)',
    );
    // A nested type is not an API object, and 1.21's kubectl has no apiextensions schemas.
    expect(() => decodeKubernetesProtobuf(withRaw(raw, "v1", "PodSpec"))).toThrow("no protobuf schema for PodSpec in v1");
    expect(() => decodeKubernetesProtobuf(withRaw(raw, "apiextensions.k8s.io/v1", "CustomResourceDefinition"))).toThrow(
      "no protobuf schema for CustomResourceDefinition in apiextensions.k8s.io/v1",
    );
    expect(() => decodeKubernetesProtobuf(withRaw(raw, "v1", "constructor"))).toThrow("no protobuf schema");
    expect(() => decodeKubernetesProtobuf(withRaw(raw, "/", "Namespace"))).toThrow('invalid apiVersion "/"');
  });

  it("refuses field numbers the schema does not know, naming the place and the number", () => {
    const unknownTopLevel = Buffer.concat([encodeMessage(NAMESPACE, { metadata: { name: "demo" } }), field(99, 0, (w) => w.int32(1))]);
    expect(() => decodeKubernetesProtobuf(withRaw(unknownTopLevel))).toThrow(
      "unable to decode protobuf body: k8s.io.api.core.v1.Namespace has field number 99 (wire type 0), which the " +
        "Kubernetes 1.21 protobuf schema this server reads does not know (a newer field?); the same object sent as " +
        "JSON (e.g. kubectl apply -f) is not affected",
    );
    // ObjectMeta's 16 was `initializers`, gone before 1.21.
    const meta = field(1, 2, (w) => w.bytes(field(16, 2, (inner) => inner.string("x"))));
    expect(() => decodeKubernetesProtobuf(withRaw(meta))).toThrow(
      "metadata (k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta) has field number 16 (wire type 2)",
    );
    const pod = encodeMessage("k8s.io.api.core.v1.Pod", { spec: { containers: [{ name: "a" }, { name: "b" }] } });
    const container = field(2, 2, (w) => w.bytes(field(2, 2, (spec) => spec.bytes(field(99, 0, (c) => c.int32(1))))));
    expect(() => decodeKubernetesProtobuf(withRaw(Buffer.concat([pod, container]), "v1", "Pod"))).toThrow(
      "spec.containers[2] (k8s.io.api.core.v1.Container) has field number 99",
    );
  });

  it("refuses values whose wire type or content does not fit the field", () => {
    const nameAsNumber = field(1, 2, (w) => w.bytes(field(1, 0, (inner) => inner.int32(5))));
    expect(() => decodeKubernetesProtobuf(withRaw(nameAsNumber))).toThrow(
      "metadata.name: wire type 0 does not fit a string field",
    );
    const badUtf8 = field(1, 2, (w) => w.bytes(field(1, 2, (inner) => inner.bytes(new Uint8Array([0xc3, 0x28])))));
    expect(() => decodeKubernetesProtobuf(withRaw(badUtf8))).toThrow("metadata.name: string is not valid UTF-8");
    const metadataAsNumber = field(1, 0, (w) => w.int32(1));
    expect(() => decodeKubernetesProtobuf(withRaw(metadataAsNumber))).toThrow("metadata: wire type 0 where a message was expected");
    expect(() => decodeKubernetesProtobuf(withRaw(field(1, 3, () => undefined)))).toThrow("unsupported wire type 3");
    expect(() => decodeKubernetesProtobuf(withRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])))).toThrow(
      "varint is longer than 10 bytes",
    );
  });

  it("refuses values Go could not write as JSON", () => {
    expect(() => decodeKubernetesProtobuf(namespace({ metadata: { generation: "9007199254740993" } }))).toThrow(
      "metadata.generation: 9007199254740993 is too large for JSON",
    );
    expect(() => decodeKubernetesProtobuf(namespace({ metadata: { creationTimestamp: { seconds: 1e12 } } }))).toThrow(
      "outside years 0–9999",
    );
    const service = encodeBody("v1", "Service", "k8s.io.api.core.v1.Service", {
      spec: { ports: [{ port: 80, targetPort: { type: 2 } }] },
    });
    expect(() => decodeKubernetesProtobuf(service)).toThrow("IntOrString has impossible type 2");
    const revision = encodeBody("apps/v1", "ControllerRevision", "k8s.io.api.apps.v1.ControllerRevision", {
      data: { raw: Buffer.from("{not json") },
    });
    expect(() => decodeKubernetesProtobuf(revision)).toThrow("RawExtension does not hold valid JSON");
  });

  it("refuses envelopes it cannot read as plain protobuf", () => {
    const raw = encodeMessage(NAMESPACE, {});
    const typeMeta = { apiVersion: "v1", kind: "Namespace" };
    expect(() => decodeKubernetesProtobuf(wrapInUnknown({ typeMeta, raw, contentEncoding: "gzip" }))).toThrow(
      'content encoding "gzip" is not supported',
    );
    expect(() => decodeKubernetesProtobuf(wrapInUnknown({ typeMeta, raw, contentType: "application/json" }))).toThrow(
      'content type "application/json" is not supported',
    );
  });

  it("enforces its limits on size, nesting and the number of values", () => {
    const body = namespace({ spec: { finalizers: ["a", "b", "c"] } });
    expect(() => decodeKubernetesProtobuf(body, { maxBytes: 10 })).toThrow("the body is larger than 10 bytes");
    expect(() => decodeKubernetesProtobuf(body, { maxValues: 5 })).toThrow("the object has too many fields");
    expect(decodeKubernetesProtobuf(body, { maxValues: 50 })).toMatchObject({ spec: { finalizers: ["a", "b", "c"] } });

    const deployment = encodeBody("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", {
      spec: { template: { spec: { containers: [{ name: "c" }] } } },
    });
    expect(() => decodeKubernetesProtobuf(deployment, { maxDepth: 3 })).toThrow("nested deeper than 3 levels");

    // RawExtensions nesting protobuf objects inside each other share the limit.
    let nested = namespace();
    for (let i = 0; i < 60; i++) {
      nested = encodeBody("apps/v1", "ControllerRevision", "k8s.io.api.apps.v1.ControllerRevision", { data: { raw: nested } });
    }
    expect(() => decodeKubernetesProtobuf(nested)).toThrow("nested deeper than 100 levels");
  });
});

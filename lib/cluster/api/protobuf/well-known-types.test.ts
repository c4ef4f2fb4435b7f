import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { decodeKubernetesProtobuf } from "./decode-kubernetes-protobuf";
import { encodeBody, encodeMessage, messageType, wrapInUnknown } from "./test-encoder";

const CORE = "k8s.io.api.core.v1";
const number = (message: string, field: string) => messageType(message).fields[field]?.id ?? 0;

describe("types with their own JSON form", () => {
  it("writes metav1.Time as RFC 3339 to the second, an empty one as null, and an explicit 0 as 1970", () => {
    const body = encodeBody("v1", "Namespace", `${CORE}.Namespace`, {
      metadata: { name: "t", creationTimestamp: { seconds: 1767225600, nanos: 999_999_999 }, deletionTimestamp: { seconds: 0 } },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      metadata: { creationTimestamp: "2026-01-01T00:00:00Z", deletionTimestamp: "1970-01-01T00:00:00Z" },
    });
  });

  it("writes metav1.MicroTime with six fractional digits", () => {
    const body = encodeBody("coordination.k8s.io/v1", "Lease", "k8s.io.api.coordination.v1.Lease", {
      metadata: { name: "lock" },
      spec: { holderIdentity: "me", acquireTime: { seconds: 1767225600, nanos: 123_456_789 }, renewTime: {} },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      spec: { holderIdentity: "me", acquireTime: "2026-01-01T00:00:00.123456Z", renewTime: null },
    });
  });

  it("writes metav1.Duration as Go's duration string and Quantity as its string", () => {
    const body = encodeBody("metrics.k8s.io/v1beta1", "PodMetrics", "k8s.io.metrics.pkg.apis.metrics.v1beta1.PodMetrics", {
      metadata: { name: "p" },
      timestamp: { seconds: 1767225600 },
      window: { duration: 90_500_000_000 },
      containers: [{ name: "c", usage: { memory: { string: "64Mi" }, cpu: { string: "250m" } } }],
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      timestamp: "2026-01-01T00:00:00Z",
      window: "1m30.5s",
      containers: [{ name: "c", usage: { cpu: "250m", memory: "64Mi" } }],
    });
  });

  it("writes a Quantity without its string as 0, like Go's zero Quantity", () => {
    const body = encodeBody("v1", "ResourceQuota", `${CORE}.ResourceQuota`, {
      metadata: { name: "q" },
      spec: { hard: { pods: { string: "10" }, cpu: {} } },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({ spec: { hard: { cpu: "0", pods: "10" } } });
  });

  it("reads a RawExtension holding JSON, and one holding a nested protobuf object", () => {
    const json = encodeBody("apps/v1", "ControllerRevision", "k8s.io.api.apps.v1.ControllerRevision", {
      metadata: { name: "web-1" },
      data: { raw: Buffer.from('{"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}}') },
      revision: 1,
    });
    expect(decodeKubernetesProtobuf(json)).toMatchObject({
      data: { spec: { template: { metadata: { labels: { app: "web" } } } } },
      revision: 1,
    });

    const nested = encodeBody("v1", "ConfigMap", `${CORE}.ConfigMap`, { metadata: { name: "inner" }, data: { a: "b" } });
    const outer = encodeBody("apps/v1", "ControllerRevision", "k8s.io.api.apps.v1.ControllerRevision", {
      metadata: { name: "web-2" },
      data: { raw: nested },
    });
    expect(decodeKubernetesProtobuf(outer)).toMatchObject({
      data: { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "inner" }, data: { a: "b" } },
    });

    const empty = encodeBody("apps/v1", "ControllerRevision", "k8s.io.api.apps.v1.ControllerRevision", { metadata: {} });
    expect(decodeKubernetesProtobuf(empty)).toMatchObject({ data: null });
  });

  it("reads managedFields' FieldsV1 as JSON", () => {
    const body = encodeBody("v1", "ConfigMap", `${CORE}.ConfigMap`, {
      metadata: {
        name: "x",
        managedFields: [
          {
            manager: "kubectl",
            operation: "Update",
            apiVersion: "v1",
            time: { seconds: 1767225600 },
            fieldsType: "FieldsV1",
            fieldsV1: { Raw: Buffer.from('{"f:data":{"f:a":{}}}') },
          },
        ],
      },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      metadata: {
        managedFields: [
          {
            manager: "kubectl",
            operation: "Update",
            apiVersion: "v1",
            time: "2026-01-01T00:00:00Z",
            fieldsType: "FieldsV1",
            fieldsV1: { "f:data": { "f:a": {} } },
          },
        ],
      },
    });
  });

  it("writes ExtraValue (a []string) as a list", () => {
    const body = encodeBody("authorization.k8s.io/v1", "SubjectAccessReview", "k8s.io.api.authorization.v1.SubjectAccessReview", {
      metadata: {},
      spec: { user: "alice", extra: { scopes: { items: ["a", "b"] } }, resourceAttributes: { verb: "get", resource: "pods" } },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      spec: { resourceAttributes: { verb: "get", resource: "pods" }, user: "alice", extra: { scopes: ["a", "b"] } },
    });
  });

  it("merges inline embedded structs into their parent (probe handler, envFrom, volume source)", () => {
    const body = encodeBody("v1", "Pod", `${CORE}.Pod`, {
      metadata: { name: "p" },
      spec: {
        containers: [
          {
            name: "c",
            image: "nginx",
            envFrom: [{ configMapRef: { localObjectReference: { name: "settings" }, optional: true } }],
            readinessProbe: { handler: { httpGet: { path: "/healthz", port: { type: 0, intVal: 80 } } }, periodSeconds: 5 },
          },
        ],
        volumes: [{ name: "cfg", volumeSource: { configMap: { localObjectReference: { name: "settings" } } } }],
      },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      spec: {
        containers: [
          {
            envFrom: [{ configMapRef: { name: "settings", optional: true } }],
            readinessProbe: { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 5 },
          },
        ],
        volumes: [{ name: "cfg", configMap: { name: "settings" } }],
      },
    });
  });

  it("accepts packed repeated numbers and merges a message field that occurs twice", () => {
    const securityContext = protobuf.Writer.create();
    securityContext.uint32((number(`${CORE}.PodSecurityContext`, "supplementalGroups") << 3) | 2).fork();
    for (const group of [1000, 2000, -1]) securityContext.int64(group);
    securityContext.ldelim();
    const spec = protobuf.Writer.create();
    spec.uint32((number(`${CORE}.PodSpec`, "securityContext") << 3) | 2).bytes(securityContext.finish());
    const pod = protobuf.Writer.create();
    pod.uint32((number(`${CORE}.Pod`, "spec") << 3) | 2).bytes(spec.finish());
    // Concatenated encodings merge: metadata arrives in two parts.
    const raw = Buffer.concat([
      pod.finish(),
      encodeMessage(`${CORE}.Pod`, { metadata: { name: "p" } }),
      encodeMessage(`${CORE}.Pod`, { metadata: { namespace: "demo" } }),
    ]);
    expect(decodeKubernetesProtobuf(wrapInUnknown({ typeMeta: { apiVersion: "v1", kind: "Pod" }, raw }))).toMatchObject({
      metadata: { name: "p", namespace: "demo" },
      spec: { securityContext: { supplementalGroups: [1000, 2000, -1] } },
    });
  });
});

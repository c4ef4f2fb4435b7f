import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { builtinResources } from "../resources/builtin-resources";
import { recordCreate, recordUpdate } from "./record-managed-fields";
import { writeManagerFor } from "./write-manager";

const type = (kind: string) => builtinResources.find((t) => t.kind === kind)!;
const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:01:00Z";

const deployment = (replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "d", uid: "u", resourceVersion: "5", generation: 1, creationTimestamp: T0 },
  spec: { replicas, selector: { matchLabels: { a: "b" } } },
  status: { replicas: 0 },
  ...extra,
});

const created = (() => {
  const object = deployment(1);
  return recordCreate(type("Deployment"), { sent: object, defaulted: object, prepared: object }, { name: "creator", subresource: "" }, T0);
})();

describe("recordCreate / recordUpdate", () => {
  it("records the creator's fields without server fields or the status a subresource owns", () => {
    expect(created.metadata.managedFields).toEqual([
      { manager: "creator", operation: "Update", apiVersion: "apps/v1", time: T0, fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {}, "f:selector": {} } } },
    ]);
  });

  it("gives changed fields to the writer, with the subresource it wrote through", () => {
    const scaled = recordUpdate(type("Deployment"), created, { ...created, spec: { replicas: 3, selector: { matchLabels: { a: "b" } } } }, { name: "kubectl", subresource: "scale" }, T1);
    expect(scaled.metadata.managedFields).toEqual([
      { manager: "creator", operation: "Update", apiVersion: "apps/v1", time: T0, fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:selector": {} } } },
      { manager: "kubectl", operation: "Update", apiVersion: "apps/v1", time: T1, fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {} } }, subresource: "scale" },
    ]);
    const status = recordUpdate(type("Deployment"), scaled, { ...scaled, status: { replicas: 3 } }, { name: "controller", subresource: "status" }, T1);
    expect((status.metadata.managedFields as { manager: string }[] | undefined)?.find((e) => e.manager === "controller")).toMatchObject({ manager: "controller", subresource: "status", fieldsV1: { "f:status": { "f:replicas": {} } } });
  });

  it("keeps valid managedFields a client sends, and falls back to the stored ones for invalid or empty lists", () => {
    const sent = [{ manager: "someone", operation: "Apply", apiVersion: "apps/v1", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {} } } }];
    const withSent = recordUpdate(type("Deployment"), created, { ...created, metadata: { ...created.metadata, managedFields: sent } }, { name: "x", subresource: "" }, T1);
    expect(withSent.metadata.managedFields).toEqual(sent);
    for (const bad of [[], [{ manager: "m", operation: "Delete", fieldsV1: {} }], [{ operation: "Update", fieldsV1: { nope: {} } }], "x"]) {
      const next = recordUpdate(type("Deployment"), created, { ...created, metadata: { ...created.metadata, managedFields: bad } }, { name: "x", subresource: "" }, T1);
      expect(next.metadata.managedFields, JSON.stringify(bad)).toEqual(created.metadata.managedFields);
    }
    const reset = recordUpdate(type("Deployment"), created, { ...created, metadata: { ...created.metadata, managedFields: [{}] } }, { name: "x", subresource: "" }, T1);
    expect(reset.metadata).not.toHaveProperty("managedFields");
  });
});

describe("writeManagerFor", () => {
  const request = (query: string, userAgent?: string) => ({ query: new URLSearchParams(query), ...(userAgent ? { userAgent } : {}) });

  it("takes fieldManager, else the User-Agent up to its first slash, else unknown", () => {
    expect(writeManagerFor(request("fieldManager=mine", "kubectl/v1.35.0 (linux/amd64)"), "", "CreateOptions").name).toBe("mine");
    expect(writeManagerFor(request("", "kubectl/v1.35.0 (linux/amd64) kubernetes/abc"), "status", "UpdateOptions")).toEqual({ name: "kubectl", subresource: "status" });
    expect(writeManagerFor(request(""), "", "PatchOptions").name).toBe("unknown");
  });

  it("refuses a fieldManager that is too long or unprintable, in Kubernetes' words", () => {
    expect(() => writeManagerFor(request(`fieldManager=${"x".repeat(129)}`), "", "UpdateOptions")).toThrow(
      'UpdateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
    );
    expect(() => writeManagerFor(request("fieldManager=a%00b"), "", "PatchOptions")).toThrow(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\x00b": invalid character U+0000 (at position 1)',
    );
  });
});

import { describe, expect, it } from "vitest";
import { audited } from "./audit-policy";
import type { AuditRecord } from "./serve-request";

const record = (verb: string, group: string, resource: string): AuditRecord => ({
  user: "lee",
  verb,
  group,
  resource,
  subresource: "",
  namespace: "dev",
  name: "x",
  path: "/",
  code: 200,
  latencyMs: 1,
});

describe("audit policy", () => {
  it("logs a person's every request except Events, in either API group", () => {
    expect(audited(record("get", "", "pods"), "anyone")).toBe(true);
    expect(audited(record("watch", "apps", "deployments"), "anyone")).toBe(true);
    expect(audited(record("delete", "", "secrets"), "anyone")).toBe(true);
    expect(audited(record("create", "", "events"), "anyone")).toBe(false);
    expect(audited(record("patch", "events.k8s.io", "events"), "anyone")).toBe(false);
    // A custom resource that happens to be called events is not Kubernetes' Events.
    expect(audited(record("create", "example.com", "events"), "anyone")).toBe(true);
  });

  it("logs what a component changes, not what it reads", () => {
    expect(audited(record("create", "", "pods"), "component")).toBe(true);
    expect(audited(record("update", "", "pods"), "component")).toBe(true);
    for (const verb of ["get", "list", "watch"]) expect(audited(record(verb, "", "pods"), "component")).toBe(false);
    expect(audited(record("create", "", "events"), "component")).toBe(false);
  });
});

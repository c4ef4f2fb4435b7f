import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import type { Cache } from "./runtime/controller";
import { resources } from "./runtime/resource-id";
import { quotaSpecChanged, replenishment } from "./resourcequota-wake";

const quota = (name: string, hard: Record<string, string>, status?: { hard: Record<string, string>; used?: Record<string, string> }): KubeObject => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name, namespace: "team" },
  spec: { hard },
  ...(status ? { status } : {}),
});
const pod = (extra: { phase?: string; deletionTimestamp?: string } = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "team", ...(extra.deletionTimestamp ? { deletionTimestamp: extra.deletionTimestamp, deletionGracePeriodSeconds: 30 } : {}) },
  spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "100m" } } }] },
  ...(extra.phase ? { status: { phase: extra.phase } } : {}),
});

const counted = quota("q", { pods: "5" }, { hard: { pods: "5" }, used: { pods: "1" } });
const quotas: Cache = {
  list: (resource) => (resource === resources.resourcequotas ? [counted, quota("secrets-only", { secrets: "2" }, { hard: { secrets: "2" }, used: { secrets: "0" } })] : []),
  get: () => undefined,
  ownedBy: () => [],
  indexed: () => [],
  count: () => 0,
};

describe("what wakes the resource quota controller", () => {
  it("a new quota, or one whose status does not reflect its spec; never a change of usage alone", () => {
    expect(quotaSpecChanged({ type: "ADDED", object: counted })).toEqual(["team/q"]);
    const charged = quota("q", { pods: "5" }, { hard: { pods: "5" }, used: { pods: "2" } });
    expect(quotaSpecChanged({ type: "MODIFIED", object: charged, previous: counted })).toEqual([]);
    const raised = quota("q", { pods: "6" }, { hard: { pods: "6" }, used: { pods: "1" } });
    expect(quotaSpecChanged({ type: "MODIFIED", object: raised, previous: counted })).toEqual(["team/q"]);
    const missing = quota("q", { pods: "5", secrets: "1" }, { hard: { pods: "5", secrets: "1" }, used: { pods: "1" } });
    expect(quotaSpecChanged({ type: "MODIFIED", object: missing, previous: missing })).toEqual(["team/q"]);
  });

  it("a pod that went, finished or began terminating wakes the quotas tracking pods; a new or running pod does not", () => {
    const keys = replenishment(resources.pods);
    expect(keys({ type: "ADDED", object: pod() }, quotas)).toEqual([]);
    expect(keys({ type: "MODIFIED", object: pod({ phase: "Running" }), previous: pod() }, quotas)).toEqual([]);
    expect(keys({ type: "MODIFIED", object: pod({ phase: "Succeeded" }), previous: pod({ phase: "Running" }) }, quotas)).toEqual(["team/q"]);
    expect(keys({ type: "MODIFIED", object: pod({ deletionTimestamp: "2026-03-01T10:00:30Z" }), previous: pod() }, quotas)).toEqual(["team/q"]);
    expect(keys({ type: "DELETED", object: pod() }, quotas)).toEqual(["team/q"]);
    expect(replenishment(resources.secrets)({ type: "DELETED", object: { metadata: { name: "s", namespace: "team" } } }, quotas)).toEqual(["team/secrets-only"]);
  });
});

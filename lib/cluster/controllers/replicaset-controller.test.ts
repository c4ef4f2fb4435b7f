import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../api/in-process-client";
import type { KubeObject } from "../store/object-store";
import { replicaSetController } from "./replicaset-controller";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const NS = "shop";
const rsPath = (name?: string, sub?: string) => InProcessClient.path("apps/v1", "replicasets", NS, name, sub);
const podPath = (name?: string, sub?: string) => InProcessClient.path("v1", "pods", NS, name, sub);

const replicaSet = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web", tier: "front" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    ...extra,
  },
});

const pod = (name: string, labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, labels },
  spec: { containers: [{ name: "web", image: "nginx:1.27" }], ...spec },
});

async function start(): Promise<TestCluster> {
  const c = await startTestCluster([replicaSetController]);
  await c.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } });
  return c;
}

async function pods(c: TestCluster): Promise<KubeObject[]> {
  return (await c.client.list(podPath())).items;
}
const active = async (c: TestCluster) => (await pods(c)).filter((p) => !p.metadata.deletionTimestamp);

async function setStatus(c: TestCluster, name: string, status: Record<string, unknown>) {
  const current = await c.client.get(podPath(name));
  await c.client.update(podPath(name, "status"), { ...current, status });
}

const readyStatus = (at: string, extra: Record<string, unknown> = {}) => ({
  phase: "Running",
  conditions: [{ type: "Ready", status: "True", lastTransitionTime: at }],
  ...extra,
});

async function events(c: TestCluster, reason?: string) {
  const items = (await c.client.list(InProcessClient.path("v1", "events", NS))).items as (KubeObject & { reason: string; message: string; type: string })[];
  return items.filter((e) => reason === undefined || e.reason === reason);
}

async function scale(c: TestCluster, name: string, replicas: number) {
  await c.client.patch(rsPath(name, "scale"), { spec: { replicas } });
  await c.settle();
}

describe("replicaset controller", () => {
  it("creates pods from the template, named by generateName, controlled by the ReplicaSet", async () => {
    cluster = await start();
    const rs = await cluster.client.create(rsPath(), replicaSet("web-6d4c", 3));
    await cluster.settle();
    const created = await pods(cluster);
    expect(created).toHaveLength(3);
    for (const p of created) {
      expect(p.metadata.name).toMatch(/^web-6d4c-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: "web", tier: "front" });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-6d4c", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const created_ = await events(cluster, "SuccessfulCreate");
    expect(created_.map((e) => e.message).sort()).toEqual(created.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(created_[0]).toMatchObject({ type: "Normal", involvedObject: { kind: "ReplicaSet", name: "web-6d4c" }, source: { component: "replicaset-controller" } });
    const status = (await cluster.client.get(rsPath("web-6d4c"))).status;
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    expect(cluster.errors).toEqual([]);
  });

  it("adopts matching orphans, and releases pods whose labels stop matching", async () => {
    cluster = await start();
    await cluster.client.create(podPath(), pod("orphan", { app: "web" }));
    await cluster.client.create(podPath(), pod("stranger", { app: "db" }));
    const rs = await cluster.client.create(rsPath(), replicaSet("web", 2));
    await cluster.settle();
    const orphan = await cluster.client.get(podPath("orphan"));
    expect(orphan.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: "ReplicaSet", uid: rs.metadata.uid, controller: true })]);
    expect((await cluster.client.get(podPath("stranger"))).metadata.ownerReferences).toBeUndefined();
    expect(await pods(cluster)).toHaveLength(3);

    await cluster.client.patch(podPath("orphan"), { metadata: { labels: { app: "debug" } } });
    await cluster.settle();
    expect((await cluster.client.get(podPath("orphan"))).metadata.ownerReferences).toBeUndefined();
    const owned = (await pods(cluster)).filter((p) => (p.metadata.labels as Record<string, string>).app === "web");
    expect(owned).toHaveLength(2);
    expect((await cluster.client.get(rsPath("web"))).status).toMatchObject({ replicas: 2 });
  });

  it("scales down in Kubernetes' order: unscheduled, pending, not ready, most restarts, then newest", async () => {
    cluster = await start();
    const at = new Date(cluster.clock.now().getTime()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const bound = { nodeName: "node-1" };
    await cluster.client.create(podPath(), pod("old-ready", { app: "web" }, bound));
    cluster.clock.advance(3_600_000);
    await cluster.client.create(podPath(), pod("new-ready", { app: "web" }, bound));
    await cluster.client.create(podPath(), pod("unscheduled", { app: "web" }));
    await cluster.client.create(podPath(), pod("pending", { app: "web" }, bound));
    await cluster.client.create(podPath(), pod("not-ready", { app: "web" }, bound));
    await cluster.client.create(podPath(), pod("restarts", { app: "web" }, bound));
    await setStatus(cluster, "old-ready", readyStatus(at));
    await setStatus(cluster, "new-ready", readyStatus(at));
    await setStatus(cluster, "not-ready", { phase: "Running", conditions: [{ type: "Ready", status: "False", lastTransitionTime: at }] });
    await setStatus(cluster, "restarts", readyStatus(at, { containerStatuses: [{ name: "web", restartCount: 4, ready: true, image: "nginx", imageID: "", started: true }] }));
    await cluster.client.create(rsPath(), replicaSet("web", 6));
    await cluster.settle();
    expect(await active(cluster)).toHaveLength(6);

    const order: string[] = [];
    for (let replicas = 5; replicas >= 1; replicas--) {
      const before = new Set((await active(cluster)).map((p) => p.metadata.name));
      await scale(cluster, "web", replicas);
      const after = new Set((await active(cluster)).map((p) => p.metadata.name));
      order.push(...[...before].filter((name) => name && !after.has(name)).map(String));
    }
    expect(order).toEqual(["unscheduled", "pending", "not-ready", "restarts", "new-ready"]);
    const deleted = await events(cluster, "SuccessfulDelete");
    expect(deleted.map((e) => e.message)).toContain("Deleted pod: unscheduled");
  });

  it("does not count terminating pods, and replaces them", async () => {
    cluster = await start();
    await cluster.client.create(podPath(), pod("leaving", { app: "web" }, { nodeName: "node-1" }));
    await cluster.client.create(rsPath(), replicaSet("web", 1));
    await cluster.settle();
    expect(await pods(cluster)).toHaveLength(1);
    // Bound to a node, it waits for its kubelet: terminating, but still there.
    await cluster.client.delete(podPath("leaving"));
    await cluster.settle();
    const all = await pods(cluster);
    expect(all).toHaveLength(2);
    expect((await active(cluster)).map((p) => p.metadata.name)).not.toContain("leaving");
    expect((await cluster.client.get(rsPath("web"))).status).toMatchObject({ replicas: 1 });
  });

  it("counts a pod available only after minReadySeconds, checking again when that time comes", async () => {
    cluster = await start();
    await cluster.client.create(rsPath(), replicaSet("web", 2, { minReadySeconds: 10 }));
    await cluster.settle();
    const readyAt = cluster.clock.now().toISOString().replace(/\.\d{3}Z$/, "Z");
    for (const p of await pods(cluster)) await setStatus(cluster, p.metadata.name ?? "", readyStatus(readyAt));
    await cluster.settle();
    expect((await cluster.client.get(rsPath("web"))).status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    const started = cluster.clock.now().getTime();
    await cluster.settle({ advanceTimersUpTo: 60_000 });
    expect((await cluster.client.get(rsPath("web"))).status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    const waited = cluster.clock.now().getTime() - started;
    expect(waited).toBeGreaterThan(9_000);
    expect(waited).toBeLessThanOrEqual(11_000);
  });

  it("reports a quota refusal as ReplicaFailure and a FailedCreate event, creating in slow-start batches", async () => {
    cluster = await start();
    const quotaPath = InProcessClient.path("v1", "resourcequotas", NS, "q");
    await cluster.client.create(InProcessClient.path("v1", "resourcequotas", NS), { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pods: "4" } } });
    await cluster.client.create(rsPath(), replicaSet("web-6d4c", 10));
    await cluster.settle();
    expect(await pods(cluster)).toHaveLength(4);
    // Batches of 1, 2 and 4: the fourth pod fits, the other three of that batch are refused, and no more are tried.
    const byController = cluster.audit.filter((r) => r.user === replicaSetController.username);
    const firstStatus = byController.findIndex((r) => r.resource === "replicasets" && r.subresource === "status");
    const attempts = byController.slice(0, firstStatus).filter((r) => r.verb === "create" && r.resource === "pods");
    expect(attempts.map((r) => r.code).sort()).toEqual([201, 201, 201, 201, 403, 403, 403]);

    const condition = ((await cluster.client.get(rsPath("web-6d4c"))).status as { conditions: Record<string, string>[] }).conditions[0];
    expect(condition).toMatchObject({ type: "ReplicaFailure", status: "True", reason: "FailedCreate" });
    expect(condition?.message).toMatch(/^pods "web-6d4c-\w{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=4, limited: pods=4$/);
    const failed = await events(cluster, "FailedCreate");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ type: "Warning", involvedObject: { kind: "ReplicaSet", name: "web-6d4c" } });
    expect(failed[0]?.message).toMatch(/^Error creating: pods "web-6d4c-\w{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=4, limited: pods=4$/);

    // Raising the quota wakes the ReplicaSet at once; the condition goes when it succeeds.
    const quota = await cluster.client.get(quotaPath);
    await cluster.client.update(quotaPath, { ...quota, spec: { hard: { pods: "20" } } });
    await cluster.settle();
    expect(await pods(cluster)).toHaveLength(10);
    expect((await cluster.client.get(rsPath("web-6d4c"))).status).not.toHaveProperty("conditions");
  });
});

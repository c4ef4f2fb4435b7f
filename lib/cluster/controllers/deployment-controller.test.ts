import { afterEach, describe, expect, it } from "vitest";
import { isPodActive, isPodReady } from "./deployment/pod-readiness";
import { computePodTemplateHash } from "./deployment/pod-template-hash";
import {
  deployment,
  deployPath,
  events,
  getDeployment,
  pods,
  replicaSets,
  setImage,
  startWorkloads,
  undoTo,
  watchPods,
} from "./deployment/test-workloads";
import type { TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const REVISION = "deployment.kubernetes.io/revision";

describe("deployment controller", () => {
  it("creates <name>-<pod-template-hash> with revision and size annotations, and completes the rollout", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 3));
    await cluster.settle();
    const d = await getDeployment(cluster, "web");
    const hash = computePodTemplateHash(d.spec?.template);
    const [rs, ...others] = await replicaSets(cluster);
    expect(others).toEqual([]);
    expect(rs?.metadata?.name).toBe(`web-${hash}`);
    // A decimal number in the safe alphabet: only the ten characters digits map to.
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(rs?.metadata?.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs?.spec?.selector).toEqual({ matchLabels: { app: "web", "pod-template-hash": hash } });
    expect(rs?.metadata?.annotations).toEqual({ [REVISION]: "1", "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" });
    expect(rs?.metadata?.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: d.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    expect(d.metadata?.annotations?.[REVISION]).toBe("1");

    const { conditions, ...counts } = d.status ?? {};
    expect(counts).toEqual({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
      ["Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
    expect(await events(cluster, "ScalingReplicaSet")).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect((await pods(cluster)).every((p) => p.metadata?.name?.startsWith(`web-${hash}-`))).toBe(true);
    expect(cluster.errors).toEqual([]);
  });

  it("rolls 10 replicas with maxSurge 1 / maxUnavailable 1: never under 9 ready, never over 11 pods", async () => {
    cluster = await startWorkloads();
    const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
    await cluster.client.create(deployPath(), deployment("web", 10, { strategy }));
    await cluster.settle();
    let fewestReady = Infinity;
    let mostPods = 0;
    let changes = 0;
    const observer = await watchPods(cluster, (live) => {
      const active = [...live.values()].filter(isPodActive);
      fewestReady = Math.min(fewestReady, active.filter(isPodReady).length);
      mostPods = Math.max(mostPods, live.size);
      changes++;
    });
    await setImage(cluster, "web", "nginx:1.28");
    await cluster.settle();
    await observer.stop();

    // Ten pods created, made ready and deleted: every one of those moments was checked.
    expect(changes).toBe(30);
    expect(fewestReady).toBe(9);
    expect(mostPods).toBe(11);
    const [old, current] = await replicaSets(cluster);
    expect(old?.spec?.replicas).toBe(0);
    expect(current?.spec?.replicas).toBe(10);
    const all = await pods(cluster);
    expect(all).toHaveLength(10);
    expect(all.every((p) => p.spec?.containers[0]?.image === "nginx:1.28" && isPodReady(p))).toBe(true);
    const d = await getDeployment(cluster, "web");
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    expect(d.metadata?.annotations?.[REVISION]).toBe("2");
    const scaling = await events(cluster, "ScalingReplicaSet");
    expect(scaling).toContain(`Scaled up replica set ${current?.metadata?.name} from 0 to 1`);
    expect(scaling).toContain(`Scaled down replica set ${old?.metadata?.name} to 9 from 10`);
    expect(scaling).toContain(`Scaled up replica set ${current?.metadata?.name} to 2 from 1`);
    expect(cluster.errors).toEqual([]);
  });

  it("rollback to revision 1 reuses the first ReplicaSet, which takes the next revision", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 3));
    await cluster.settle();
    await setImage(cluster, "web", "nginx:1.28");
    await cluster.settle();
    const [first, second] = await replicaSets(cluster);
    await undoTo(cluster, "web", 1);
    await cluster.settle();

    const after = await replicaSets(cluster);
    expect(after.map((rs) => rs.metadata?.name)).toEqual([second?.metadata?.name, first?.metadata?.name]);
    const reused = after[1];
    expect(reused?.metadata?.uid).toBe(first?.metadata?.uid);
    expect(reused?.metadata?.annotations).toMatchObject({ [REVISION]: "3", "deployment.kubernetes.io/revision-history": "1" });
    expect(reused?.spec?.replicas).toBe(3);
    expect(after[0]?.spec?.replicas).toBe(0);
    const d = await getDeployment(cluster, "web");
    expect(d.metadata?.annotations?.[REVISION]).toBe("3");
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect((await pods(cluster)).every((p) => p.spec?.containers[0]?.image === "nginx:1.27")).toBe(true);
  });

  it("Recreate: old pods are all gone before the first new one is created", async () => {
    cluster = await startWorkloads();
    // Bound pods terminate gracefully, so "gone" really means the kubelet finished them.
    await cluster.client.create(deployPath(), deployment("web", 3, { strategy: { type: "Recreate" } }, { nodeName: "node-1" }));
    await cluster.settle();
    const [old] = await replicaSets(cluster);
    const oldHash = old?.metadata?.labels?.["pod-template-hash"];
    let oldPodsWhenNewAppeared: number | undefined;
    const observer = await watchPods(cluster, (live) => {
      const all = [...live.values()];
      if (oldPodsWhenNewAppeared === undefined && all.some((p) => p.metadata?.labels?.["pod-template-hash"] !== oldHash)) {
        oldPodsWhenNewAppeared = all.filter((p) => p.metadata?.labels?.["pod-template-hash"] === oldHash).length;
      }
    });
    await setImage(cluster, "web", "nginx:1.28");
    await cluster.settle();
    await observer.stop();

    expect(oldPodsWhenNewAppeared).toBe(0);
    const [before, after] = await replicaSets(cluster);
    expect([before?.spec?.replicas, after?.spec?.replicas]).toEqual([0, 3]);
    expect(await events(cluster, "ScalingReplicaSet")).toEqual(
      expect.arrayContaining([`Scaled down replica set ${before?.metadata?.name} to 0 from 3`, `Scaled up replica set ${after?.metadata?.name} from 0 to 3`]),
    );
    expect((await getDeployment(cluster, "web")).status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });

  it("keeps revisionHistoryLimit old ReplicaSets, deleting the oldest", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 2, { revisionHistoryLimit: 2 }));
    await cluster.settle();
    for (const tag of ["1.28", "1.29", "1.30", "1.31"]) {
      await setImage(cluster, "web", `nginx:${tag}`);
      await cluster.settle();
    }
    const left = await replicaSets(cluster);
    expect(left.map((rs) => rs.metadata?.annotations?.[REVISION])).toEqual(["3", "4", "5"]);
    expect(left.map((rs) => rs.spec?.template?.spec?.containers[0]?.image)).toEqual(["nginx:1.29", "nginx:1.30", "nginx:1.31"]);
  });

  it("kubectl rollout restart (a template annotation) rolls out a new ReplicaSet", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 2));
    await cluster.settle();
    const before = (await pods(cluster)).map((p) => p.metadata?.name);
    await cluster.client.patch(deployPath("web"), { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-03-01T10:05:00Z" } } } } }, "strategic");
    await cluster.settle();
    const after = await pods(cluster);
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.includes(p.metadata?.name))).toBe(false);
    expect(after.every((p) => p.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"] === "2026-03-01T10:05:00Z")).toBe(true);
    expect((await replicaSets(cluster)).map((rs) => rs.spec?.replicas)).toEqual([0, 2]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../api/in-process-client";
import { computePodTemplateHash } from "./deployment/pod-template-hash";
import { deployment, deployPath, events, getDeployment, NS, pods, replicaSets, rsPath, setImage, startWorkloads } from "./deployment/test-workloads";
import type { TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const conditions = async (c: TestCluster) =>
  Object.fromEntries(((await getDeployment(c, "web")).status?.conditions ?? []).map((x) => [x.type, `${x.status}/${x.reason}`]));

describe("deployment controller: scaling, pausing, deadlines", () => {
  it("while paused: no rollout, but scaling applies; resuming rolls out", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 2));
    await cluster.settle();
    await cluster.client.patch(deployPath("web"), { spec: { paused: true } });
    await setImage(cluster, "web", "nginx:1.28");
    await cluster.client.patch(deployPath("web", "scale"), { spec: { replicas: 4 } });
    await cluster.settle();
    expect(await replicaSets(cluster)).toHaveLength(1);
    expect((await replicaSets(cluster))[0]?.spec?.replicas).toBe(4);
    const paused = await getDeployment(cluster, "web");
    // No ReplicaSet runs the new template yet: updatedReplicas is zero, so (omitempty) absent.
    expect(paused.status).toMatchObject({ observedGeneration: paused.metadata?.generation, replicas: 4, availableReplicas: 4 });
    expect(paused.status).not.toHaveProperty("updatedReplicas");
    expect((await conditions(cluster)).Progressing).toBe("Unknown/DeploymentPaused");

    await cluster.client.patch(deployPath("web"), { spec: { paused: false } });
    await cluster.settle();
    const [old, current] = await replicaSets(cluster);
    expect([old?.spec?.replicas, current?.spec?.replicas]).toEqual([0, 4]);
    expect((await pods(cluster)).every((p) => p.spec?.containers[0]?.image === "nginx:1.28")).toBe(true);
    expect((await conditions(cluster)).Progressing).toBe("True/NewReplicaSetAvailable");
  });

  it("scales proportionally during a stuck rollout (the Kubernetes docs' example: +5 → 3 old, 2 new)", async () => {
    // The new image never becomes ready, so the rollout stops at 8 old + 5 new.
    cluster = await startWorkloads({ ready: (pod) => pod.spec?.containers[0]?.image === "nginx:1.27" });
    const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    await cluster.client.create(deployPath(), deployment("web", 10, { strategy }));
    await cluster.settle();
    await setImage(cluster, "web", "nginx:does-not-exist");
    await cluster.settle();
    expect((await replicaSets(cluster)).map((rs) => rs.spec?.replicas)).toEqual([8, 5]);

    await cluster.client.patch(deployPath("web", "scale"), { spec: { replicas: 15 } });
    await cluster.settle();
    const [old, current] = await replicaSets(cluster);
    expect([old?.spec?.replicas, current?.spec?.replicas]).toEqual([11, 7]);
    expect(old?.metadata?.annotations).toMatchObject({ "deployment.kubernetes.io/desired-replicas": "15", "deployment.kubernetes.io/max-replicas": "18" });
    expect(await events(cluster, "ScalingReplicaSet")).toEqual(expect.arrayContaining([`Scaled up replica set ${old?.metadata?.name} to 11 from 8`, `Scaled up replica set ${current?.metadata?.name} to 7 from 5`]));
  });

  it("reports ProgressDeadlineExceeded when a rollout makes no progress for progressDeadlineSeconds", async () => {
    cluster = await startWorkloads({ ready: (pod) => pod.spec?.containers[0]?.image === "nginx:1.27" });
    await cluster.client.create(deployPath(), deployment("web", 2, { progressDeadlineSeconds: 30 }));
    await cluster.settle();
    await setImage(cluster, "web", "nginx:broken");
    await cluster.settle();
    expect((await conditions(cluster)).Progressing).toBe("True/ReplicaSetUpdated");
    await cluster.settle({ advanceTimersUpTo: 20_000 });
    expect((await conditions(cluster)).Progressing).toBe("True/ReplicaSetUpdated");
    await cluster.settle({ advanceTimersUpTo: 60_000 });
    const d = await getDeployment(cluster, "web");
    const progressing = d.status?.conditions?.find((c) => c.type === "Progressing");
    expect(progressing).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${(await replicaSets(cluster))[1]?.metadata?.name}" has timed out progressing.` });
  });

  it("surfaces a quota refusal of its pods as the Deployment's ReplicaFailure", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(InProcessClient.path("v1", "resourcequotas", NS), { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pods: "2" } } });
    await cluster.client.create(deployPath(), deployment("web", 3));
    await cluster.settle();
    const failure = (await getDeployment(cluster, "web")).status?.conditions?.find((c) => c.type === "ReplicaFailure");
    expect(failure).toMatchObject({ status: "True", reason: "FailedCreate" });
    expect(failure?.message).toMatch(/is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/);
    expect((await getDeployment(cluster, "web")).status).toMatchObject({ replicas: 2, availableReplicas: 2, unavailableReplicas: 1 });
  });

  it("waits minReadySeconds before counting new pods available", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 2, { minReadySeconds: 10 }));
    await cluster.settle();
    const early = await getDeployment(cluster, "web");
    expect(early.status).toMatchObject({ replicas: 2, readyReplicas: 2, unavailableReplicas: 2 });
    expect(early.status).not.toHaveProperty("availableReplicas");
    expect((await conditions(cluster)).Available).toBe("False/MinimumReplicasUnavailable");
    expect((await replicaSets(cluster))[0]?.spec?.minReadySeconds).toBe(10);

    await cluster.settle({ advanceTimersUpTo: 30_000 });
    expect((await getDeployment(cluster, "web")).status).toMatchObject({ availableReplicas: 2 });
    expect(await conditions(cluster)).toEqual({ Available: "True/MinimumReplicasAvailable", Progressing: "True/NewReplicaSetAvailable" });
  });

  it("counts a pod-template-hash collision and names the ReplicaSet with the next hash", async () => {
    cluster = await startWorkloads();
    await cluster.client.create(deployPath(), deployment("web", 1, { paused: true }));
    await cluster.settle();
    const template = (await getDeployment(cluster, "web")).spec?.template;
    const taken = `web-${computePodTemplateHash(template)}`;
    const squatter = deployment("other", 0).spec;
    await cluster.client.create(rsPath(), { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: taken, labels: { app: "other" } }, spec: squatter });
    await cluster.client.patch(deployPath("web"), { spec: { paused: false } });
    await cluster.settle();
    const d = await getDeployment(cluster, "web");
    expect(d.status?.collisionCount).toBe(1);
    const mine = (await replicaSets(cluster)).filter((rs) => rs.metadata?.name !== taken);
    expect(mine.map((rs) => rs.metadata?.name)).toEqual([`web-${computePodTemplateHash(template, 1)}`]);
    expect(d.status).toMatchObject({ replicas: 1, updatedReplicas: 1, availableReplicas: 1 });
  });

  it("adopts a matching orphan ReplicaSet with its template, and releases one whose labels stop matching", async () => {
    cluster = await startWorkloads();
    const spec = deployment("web", 2).spec;
    await cluster.client.create(rsPath(), { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-by-hand", labels: { app: "web" } }, spec });
    await cluster.settle();
    const handmade = await cluster.client.get(rsPath("web-by-hand"));
    await cluster.client.create(deployPath(), deployment("web", 2));
    await cluster.settle();
    const adopted = await replicaSets(cluster);
    expect(adopted.map((rs) => rs.metadata?.name)).toEqual(["web-by-hand"]);
    const d = await getDeployment(cluster, "web");
    expect(adopted[0]?.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: "Deployment", uid: d.metadata?.uid, controller: true })]);
    expect(adopted[0]?.metadata?.uid).toBe(handmade.metadata.uid);
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });

    await cluster.client.patch(rsPath("web-by-hand"), { metadata: { labels: { app: "kept" } } });
    await cluster.settle();
    expect((await cluster.client.get(rsPath("web-by-hand"))).metadata.ownerReferences).toBeUndefined();
    // The Deployment, left without a ReplicaSet for its template, makes its own.
    const names = (await replicaSets(cluster)).map((rs) => rs.metadata?.name).sort();
    expect(names).toEqual([`web-${computePodTemplateHash(d.spec?.template)}`, "web-by-hand"].sort());
    expect(cluster.errors).toEqual([]);
  });
});

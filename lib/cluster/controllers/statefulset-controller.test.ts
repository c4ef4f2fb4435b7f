import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../api/in-process-client";
import type { KubeObject } from "../store/object-store";
import { fakeKubelet } from "./deployment/fake-kubelet";
import type { Pod } from "./deployment/workload-objects";
import { garbageCollector } from "./garbage-collector";
import { statefulSetController } from "./statefulset-controller";
import { claimBinder } from "./storage/claim-binder";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const NS = "db";
const stsPath = (name?: string, sub?: string) => InProcessClient.path("apps/v1", "statefulsets", NS, name, sub);
const podPath = (name?: string) => InProcessClient.path("v1", "pods", NS, name);
const pvcPath = (name?: string) => InProcessClient.path("v1", "persistentvolumeclaims", NS, name);

function statefulSet(name: string, replicas: number, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name },
    spec: {
      replicas,
      serviceName: "nginx",
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      ...spec,
    },
  };
}

/** The StatefulSet controller, a fake kubelet readying the pods `ready` approves, and optionally the GC. */
async function start(options: { ready?: (pod: Pod) => boolean; gc?: boolean } = {}): Promise<TestCluster> {
  // The claim binder releases the pvc-protection finalizer of deleted claims no pod uses any more.
  const c = await startTestCluster([statefulSetController, fakeKubelet({ ready: options.ready }), claimBinder, ...(options.gc ? [garbageCollector] : [])]);
  await c.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } });
  cluster = c;
  return c;
}

const names = (items: KubeObject[]) => items.map((o) => o.metadata.name ?? "").sort();
const pods = async (c: TestCluster) => (await c.client.list(podPath())).items as unknown as Pod[];
const podNames = async (c: TestCluster) => names((await c.client.list(podPath())).items);
const claims = async (c: TestCluster) => (await c.client.list(pvcPath())).items;
type Status = Record<string, number | string | undefined>;
const statusOf = async (c: TestCluster, name: string) => (await c.client.get(stsPath(name))).status as Status;

async function events(c: TestCluster): Promise<string[]> {
  const items = (await c.client.list(InProcessClient.path("v1", "events", NS))).items as (KubeObject & { reason: string; message: string })[];
  // In the order they were written (names follow a fixed test clock, so they do not sort by time).
  items.sort((a, b) => Number(BigInt(a.metadata.resourceVersion ?? "0") - BigInt(b.metadata.resourceVersion ?? "0")));
  return items.map((e) => `${e.reason}: ${e.message}`);
}

describe("StatefulSet controller", () => {
  it("creates web-0..2 in order, each Ready before the next, with identity, claims and events", async () => {
    let readyUpTo = 0;
    const c = await start({ ready: (pod) => Number(pod.metadata?.name?.split("-")[1]) < readyUpTo });
    await c.client.create(stsPath(), statefulSet("web", 3));
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0"]);
    readyUpTo = 1;
    await c.client.patch(podPath("web-0"), { metadata: { annotations: { nudge: "1" } } }, "merge");
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0", "web-1"]);
    readyUpTo = 3;
    await c.client.patch(podPath("web-1"), { metadata: { annotations: { nudge: "1" } } }, "merge");
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0", "web-1", "web-2"]);

    const pod = (await c.client.get(podPath("web-2"))) as unknown as Pod;
    const status = await statusOf(c, "web");
    expect(pod.metadata?.labels).toMatchObject({
      app: "web",
      "statefulset.kubernetes.io/pod-name": "web-2",
      "apps.kubernetes.io/pod-index": "2",
      "controller-revision-hash": status.updateRevision,
    });
    expect(pod.spec?.hostname).toBe("web-2");
    expect(pod.spec?.subdomain).toBe("nginx");
    expect(pod.spec?.volumes).toEqual([{ name: "data", persistentVolumeClaim: { claimName: "data-web-2" } }]);
    expect(names(await claims(c))).toEqual(["data-web-0", "data-web-1", "data-web-2"]);
    expect((await claims(c))[0]?.metadata.labels).toEqual({ app: "web" });
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(String(status.updateRevision)).toMatch(/^web-[a-z0-9]+$/);
    const revisions = (await c.client.list(InProcessClient.path("apps/v1", "controllerrevisions", NS))).items;
    expect(revisions.map((r) => [r.metadata.name, r.revision])).toEqual([[status.updateRevision, 1]]);
    const log = await events(c);
    expect(log).toContain("SuccessfulCreate: create Claim data-web-0 Pod web-0 in StatefulSet web success");
    expect(log).toContain("SuccessfulCreate: create Pod web-0 in StatefulSet web successful");
    expect(c.errors).toEqual([]);
  });

  it("brings a deleted pod back under the same name with the same claim", async () => {
    const c = await start();
    await c.client.create(stsPath(), statefulSet("web", 3));
    await c.settle();
    const claimUid = (await c.client.get(pvcPath("data-web-1"))).metadata.uid;
    const podUid = (await c.client.get(podPath("web-1"))).metadata.uid;
    await c.client.delete(podPath("web-1"));
    await c.settle();
    const again = await c.client.get(podPath("web-1"));
    expect(again.metadata.uid).not.toBe(podUid);
    expect((await c.client.get(pvcPath("data-web-1"))).metadata.uid).toBe(claimUid);
    expect(await podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
  });

  it("scales down from the highest ordinal and keeps the claims (Retain)", async () => {
    const c = await start({ gc: true });
    await c.client.create(stsPath(), statefulSet("web", 3));
    await c.settle();
    await c.client.patch(stsPath("web", "scale"), { spec: { replicas: 1 } }, "merge");
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0"]);
    expect(names(await claims(c))).toEqual(["data-web-0", "data-web-1", "data-web-2"]);
    const deletes = (await events(c)).filter((e) => e.startsWith("SuccessfulDelete"));
    expect(deletes).toEqual(["SuccessfulDelete: delete Pod web-2 in StatefulSet web successful", "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful"]);
    expect(await statusOf(c, "web")).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it("deletes claims on scale-down and with the set when the retention policy says Delete", async () => {
    const c = await start({ gc: true });
    await c.client.create(stsPath(), statefulSet("web", 3, { persistentVolumeClaimRetentionPolicy: { whenScaled: "Delete", whenDeleted: "Delete" } }));
    await c.settle();
    await c.client.patch(stsPath("web", "scale"), { spec: { replicas: 1 } }, "merge");
    await c.settle();
    expect(names(await claims(c))).toEqual(["data-web-0"]);
    await c.client.delete(stsPath("web"));
    await c.settle();
    expect(await claims(c)).toEqual([]);
    expect(await pods(c)).toEqual([]);
  });

  it("waits minReadySeconds after each pod is Ready before creating the next (OrderedReady)", async () => {
    const c = await start();
    await c.client.create(stsPath(), statefulSet("web", 2, { minReadySeconds: 10 }));
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0"]);
    expect(await statusOf(c, "web")).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    c.clock.advance(9_000);
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0"]);
    await c.settle({ advanceTimersUpTo: 2_000 });
    expect(await podNames(c)).toEqual(["web-0", "web-1"]);
    await c.settle({ advanceTimersUpTo: 20_000 });
    expect(await statusOf(c, "web")).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it("creates all pods at once under Parallel", async () => {
    const c = await start({ ready: () => false });
    await c.client.create(stsPath(), statefulSet("web", 3, { podManagementPolicy: "Parallel" }));
    await c.settle();
    expect(await podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
    expect(await statusOf(c, "web")).toMatchObject({ replicas: 3, readyReplicas: 0 });
  });

  it("rolls out in reverse ordinal order down to the partition, then completes", async () => {
    const c = await start();
    await c.client.create(stsPath(), statefulSet("web", 3));
    await c.settle();
    const first = (await statusOf(c, "web")).currentRevision;
    const order: string[] = [];
    const seen = new Set((await pods(c)).map((p) => p.metadata?.uid));
    await c.client.patch(stsPath("web"), { spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } }, template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } } }, "merge");
    await c.settle();
    for (const p of await pods(c)) if (!seen.has(p.metadata?.uid)) order.push(p.metadata?.name ?? "");
    expect(order.sort()).toEqual(["web-1", "web-2"]);
    const images = async () => Object.fromEntries((await pods(c)).map((p): [string, string] => [p.metadata?.name ?? "", p.spec?.containers[0]?.image ?? ""]));
    expect(await images()).toEqual({ "web-0": "nginx:1.27", "web-1": "nginx:1.28", "web-2": "nginx:1.28" });
    const partitioned = await statusOf(c, "web");
    expect(partitioned).toMatchObject({ currentRevision: first, currentReplicas: 1, updatedReplicas: 2, observedGeneration: 2 });
    expect(partitioned.updateRevision).not.toBe(first);

    await c.client.patch(stsPath("web"), { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } }, "merge");
    await c.settle();
    expect(await images()).toEqual({ "web-0": "nginx:1.28", "web-1": "nginx:1.28", "web-2": "nginx:1.28" });
    const done = await statusOf(c, "web");
    expect(done).toMatchObject({ currentRevision: partitioned.updateRevision, updateRevision: partitioned.updateRevision, currentReplicas: 3, updatedReplicas: 3 });
    const deletes = (await events(c)).filter((e) => e.startsWith("SuccessfulDelete")).map((e) => e.match(/Pod (\S+)/)?.[1]);
    expect(deletes).toEqual(["web-2", "web-1", "web-0"]);
    expect(c.errors).toEqual([]);
  });

  it("leaves pods alone under OnDelete until they are deleted", async () => {
    const c = await start();
    await c.client.create(stsPath(), statefulSet("web", 2, { updateStrategy: { type: "OnDelete" } }));
    await c.settle();
    await c.client.patch(stsPath("web"), { spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } } }, "merge");
    await c.settle();
    expect((await pods(c)).map((p) => p.spec?.containers[0]?.image)).toEqual(["nginx:1.27", "nginx:1.27"]);
    expect(await statusOf(c, "web")).toMatchObject({ updatedReplicas: 0, currentReplicas: 2 });
    await c.client.delete(podPath("web-0"));
    await c.settle();
    expect(((await c.client.get(podPath("web-0"))) as unknown as Pod).spec?.containers[0]?.image).toBe("nginx:1.28");
    expect(await statusOf(c, "web")).toMatchObject({ updatedReplicas: 1, currentReplicas: 1 });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../../api/in-process-client";
import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import { kubelet } from "../kubelet/kubelet";
import { nodeAgent } from "../nodes/node-agent";
import { nodeLifecycle } from "../nodes/node-lifecycle";
import { scheduler } from "../scheduler/scheduler";
import { startTestCluster, type TestCluster } from "../testing/test-cluster";
import { claimBinder } from "./claim-binder";
import { volumeReclaimer } from "./volume-reclaimer";

let cluster: TestCluster | undefined;
afterEach(async () => {
  const failed = (cluster?.errors ?? []).map((e) => `${e.controller} ${e.key}: ${String(e.error)}`);
  await cluster?.stop();
  cluster = undefined;
  // Every pass converged without a conflict or error to retry.
  expect(failed).toEqual([]);
});

const pvcPath = (name?: string) => InProcessClient.path("v1", "persistentvolumeclaims", "lab", name);
const pvPath = (name?: string) => InProcessClient.path("v1", "persistentvolumes", undefined, name);
const scPath = InProcessClient.path("storage.k8s.io/v1", "storageclasses");
const notFound = (e: unknown) => e instanceof ApiError && e.code === 404;

async function start() {
  cluster = await startTestCluster([nodeAgent, nodeLifecycle, scheduler, kubelet, claimBinder, volumeReclaimer]);
  await cluster.settle();
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "lab" } });
  return cluster;
}

const claim = (c: TestCluster, name: string, spec: Record<string, unknown> = {}) =>
  c.client.create(pvcPath(), { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec } });
const volume = (c: TestCluster, name: string, size: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
  c.client.create(pvPath(), { apiVersion: "v1", kind: "PersistentVolume", metadata: { name, labels }, spec: { capacity: { storage: size }, accessModes: ["ReadWriteOnce"], hostPath: { path: `/data/${name}` }, ...extra } });
const podUsing = (c: TestCluster, name: string, claimName: string) =>
  c.client.create(InProcessClient.path("v1", "pods", "lab"), {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { containers: [{ name: "main", image: "nginx" }], volumes: [{ name: "data", persistentVolumeClaim: { claimName } }] },
  });
const get = (c: TestCluster, path: string) => c.client.get(path);
const phase = (o: KubeObject) => (o.status as { phase?: string }).phase;
const claimEvents = async (c: TestCluster, name: string) =>
  (await c.client.list(InProcessClient.path("v1", "events", "lab"))).items.filter((e) => (e.involvedObject as { name?: string }).name === name).map((e) => `${String(e.reason)}: ${String(e.message)}`);

describe("storage: default class, binding, provisioning, reclaim", () => {
  it("has the default `standard` class and gives it to claims that name none", async () => {
    const c = await start();
    const sc = await get(c, `${scPath}/standard`);
    expect(sc).toMatchObject({ provisioner: "rancher.io/local-path", reclaimPolicy: "Delete", volumeBindingMode: "WaitForFirstConsumer", metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } });
    const defaulted = await claim(c, "data");
    expect(defaulted.spec).toMatchObject({ storageClassName: "standard" });
    expect(defaulted.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    expect((await claim(c, "none", { storageClassName: "" })).spec).toMatchObject({ storageClassName: "" });
  });

  it("waits for a consumer, then provisions pvc-<uid> on the pod's node and binds; the pod then runs", async () => {
    const c = await start();
    const pvc = await claim(c, "data");
    await c.settle();
    expect(phase(await get(c, pvcPath("data")))).toBe("Pending");
    expect(await claimEvents(c, "data")).toEqual(["WaitForFirstConsumer: waiting for first consumer to be created before binding"]);

    await podUsing(c, "web", "data");
    await c.settle({ advanceTimersUpTo: 5_000 });
    const bound = await get(c, pvcPath("data"));
    const pvName = `pvc-${pvc.metadata.uid ?? ""}`;
    expect(bound.spec).toMatchObject({ volumeName: pvName });
    expect(bound.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } });
    const node = ((await get(c, InProcessClient.path("v1", "pods", "lab", "web"))).spec as { nodeName?: string }).nodeName;
    expect((bound.metadata.annotations as Record<string, string>)["volume.kubernetes.io/selected-node"]).toBe(node);
    const pv = await get(c, pvPath(pvName));
    expect(phase(pv)).toBe("Bound");
    expect(pv.spec).toMatchObject({ storageClassName: "standard", persistentVolumeReclaimPolicy: "Delete", claimRef: { name: "data", namespace: "lab", uid: pvc.metadata.uid } });
    expect(await claimEvents(c, "data")).toContain(`ProvisioningSucceeded: Successfully provisioned volume ${pvName}`);
    expect(phase(await get(c, InProcessClient.path("v1", "pods", "lab", "web")))).toBe("Running");

    // In use: the claim stays (Terminating) until the pod is gone; then Delete reclaims the volume.
    await c.client.delete(pvcPath("data"));
    await c.settle();
    expect((await get(c, pvcPath("data"))).metadata.deletionTimestamp).toBeDefined();
    await c.client.delete(InProcessClient.path("v1", "pods", "lab", "web"));
    await c.settle({ advanceTimersUpTo: 5_000 });
    await expect(get(c, pvcPath("data"))).rejects.toSatisfy(notFound);
    await expect(get(c, pvPath(pvName))).rejects.toSatisfy(notFound);
  });

  it("binds a classless claim to the smallest fitting static volume its selector accepts; Retain leaves it Released", async () => {
    const c = await start();
    await volume(c, "big", "10Gi", { persistentVolumeReclaimPolicy: "Retain" }, { tier: "gold" });
    await volume(c, "small", "2Gi", { persistentVolumeReclaimPolicy: "Retain" }, { tier: "gold" });
    await volume(c, "tiny", "500Mi", { persistentVolumeReclaimPolicy: "Retain" }, { tier: "gold" });
    await volume(c, "other", "1Gi", { persistentVolumeReclaimPolicy: "Retain" }, { tier: "bronze" });
    await volume(c, "rwx", "1Gi", { accessModes: ["ReadOnlyMany"] }, { tier: "gold" });
    await claim(c, "db", { storageClassName: "", selector: { matchLabels: { tier: "gold" } } });
    await c.settle();
    expect((await get(c, pvcPath("db"))).spec).toMatchObject({ volumeName: "small" });
    expect(phase(await get(c, pvcPath("db")))).toBe("Bound");
    expect((await c.client.list(pvPath())).items.map((pv) => `${pv.metadata.name ?? ""}=${phase(pv) ?? ""}`).sort()).toEqual(["big=Available", "other=Available", "rwx=Available", "small=Bound", "tiny=Available"]);

    await claim(c, "nothing", { storageClassName: "", resources: { requests: { storage: "50Gi" } } });
    await c.settle();
    expect(phase(await get(c, pvcPath("nothing")))).toBe("Pending");
    expect(await claimEvents(c, "nothing")).toEqual(["FailedBinding: no persistent volumes available for this claim and no storage class is set"]);

    await c.client.delete(pvcPath("db"));
    await c.settle();
    expect(phase(await get(c, pvPath("small")))).toBe("Released");
  });

  it("defaults to the newest of several default classes, and reports a class that cannot provision", async () => {
    const c = await start();
    c.clock.advance(60_000);
    await c.client.create(scPath, { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "local", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }, provisioner: "kubernetes.io/no-provisioner", volumeBindingMode: "Immediate" });
    expect((await claim(c, "manual")).spec).toMatchObject({ storageClassName: "local" });
    await c.settle();
    expect(phase(await get(c, pvcPath("manual")))).toBe("Pending");
    expect(await claimEvents(c, "manual")).toEqual(["ProvisioningFailed: no volume plugin matched name: kubernetes.io/no-provisioner"]);
    // A matching static volume of that class is what such a claim waits for.
    await volume(c, "local-1", "5Gi", { storageClassName: "local" });
    await c.settle();
    expect((await get(c, pvcPath("manual"))).spec).toMatchObject({ volumeName: "local-1" });
  });

  it("provisions at once for an Immediate class with any provisioner name", async () => {
    const c = await start();
    await c.client.create(scPath, { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "kubernetes.io/gce-pd", reclaimPolicy: "Retain", volumeBindingMode: "Immediate" });
    const pvc = await claim(c, "quick", { storageClassName: "fast", resources: { requests: { storage: "3Gi" } } });
    await c.settle();
    expect(phase(await get(c, pvcPath("quick")))).toBe("Bound");
    expect((await get(c, pvPath(`pvc-${pvc.metadata.uid ?? ""}`))).spec).toMatchObject({ capacity: { storage: "3Gi" }, persistentVolumeReclaimPolicy: "Retain" });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/status";
import type { KubeObject } from "../store/object-store";
import { garbageCollector } from "./garbage-collector";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const exists = (promise: Promise<unknown>) =>
  promise.then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 404) return false;
      throw error;
    },
  );

const cm = (name: string, owners: KubeObject[] = []) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: {
    name,
    ownerReferences: owners.map((o) => ({ apiVersion: "v1", kind: "ConfigMap", name: o.metadata.name, uid: o.metadata.uid, blockOwnerDeletion: true })),
  },
});

async function chain(c: TestCluster) {
  await c.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "gc" } });
  const owner = await c.client.create("/api/v1/namespaces/gc/configmaps", cm("owner"));
  const child = await c.client.create("/api/v1/namespaces/gc/configmaps", cm("child", [owner]));
  await c.client.create("/api/v1/namespaces/gc/configmaps", cm("grandchild", [child]));
  await c.settle();
  return owner;
}

const path = (name: string) => `/api/v1/namespaces/gc/configmaps/${name}`;

describe("garbage collector", () => {
  it("background: deleting an owner removes its dependents, transitively", async () => {
    cluster = await startTestCluster([garbageCollector]);
    await chain(cluster);
    await cluster.client.delete(path("owner"));
    await cluster.settle();
    expect(await exists(cluster.client.get(path("child")))).toBe(false);
    expect(await exists(cluster.client.get(path("grandchild")))).toBe(false);
  });

  it("foreground: the owner stays (with its finalizer) until its dependents are gone", async () => {
    cluster = await startTestCluster([garbageCollector]);
    await chain(cluster);
    const marked = (await cluster.client.delete(path("owner"), { body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground" } })) as KubeObject;
    expect(marked.metadata.finalizers).toEqual(["foregroundDeletion"]);
    await cluster.settle();
    for (const name of ["grandchild", "child", "owner"]) expect(await exists(cluster.client.get(path(name))), name).toBe(false);
  });

  it("orphan: dependents lose the reference and stay", async () => {
    cluster = await startTestCluster([garbageCollector]);
    await chain(cluster);
    await cluster.client.delete(path("owner"), { body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Orphan" } });
    await cluster.settle();
    expect(await exists(cluster.client.get(path("owner")))).toBe(false);
    const child = await cluster.client.get(path("child"));
    expect(child.metadata.ownerReferences).toBeUndefined();
    expect(await exists(cluster.client.get(path("grandchild")))).toBe(true);
  });

  it("keeps an object while one of several owners lives, dropping the dead reference", async () => {
    cluster = await startTestCluster([garbageCollector]);
    await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "gc" } });
    const a = await cluster.client.create("/api/v1/namespaces/gc/configmaps", cm("a"));
    const b = await cluster.client.create("/api/v1/namespaces/gc/configmaps", cm("b"));
    await cluster.client.create("/api/v1/namespaces/gc/configmaps", cm("shared", [a, b]));
    await cluster.client.delete(path("a"));
    await cluster.settle();
    const shared = await cluster.client.get(path("shared"));
    expect((shared.metadata.ownerReferences as { name: string }[]).map((r) => r.name)).toEqual(["b"]);
  });

  it("collects an object created with an owner that never existed", async () => {
    cluster = await startTestCluster([garbageCollector]);
    await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "gc" } });
    await cluster.client.create("/api/v1/namespaces/gc/configmaps", cm("dangling", [{ metadata: { name: "ghost", uid: "no-such-uid" } }]));
    await cluster.settle();
    expect(await exists(cluster.client.get(path("dangling")))).toBe(false);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { resourceQuotaController } from "./resourcequota-controller";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const ns = "/api/v1/namespaces/team";
const pod = (name: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } } }] },
});
const quotaStatus = async (c: TestCluster) => (await c.client.get(`${ns}/resourcequotas/q`)).status as { hard: Record<string, string>; used: Record<string, string> };

async function start(hard: Record<string, string>): Promise<TestCluster> {
  cluster = await startTestCluster([resourceQuotaController]);
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  await cluster.client.create(`${ns}/resourcequotas`, { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard } });
  return cluster;
}

describe("resource quota controller", () => {
  it("measures usage from the namespace's objects and corrects a drifted status", async () => {
    const c = await start({
      pods: "5",
      "requests.cpu": "2",
      "limits.memory": "1Gi",
      services: "3",
      "services.loadbalancers": "2",
      configmaps: "4",
      secrets: "4",
      persistentvolumeclaims: "2",
      "requests.storage": "10Gi",
      "count/deployments.apps": "3",
      "count/roles.rbac.authorization.k8s.io": "3",
    });
    const { client } = c;
    await client.create(`${ns}/pods`, pod("a"));
    await client.create(`${ns}/pods`, pod("b"));
    await client.create(`${ns}/services`, { apiVersion: "v1", kind: "Service", metadata: { name: "lb" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } });
    await client.create(`${ns}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } });
    await client.create(`${ns}/persistentvolumeclaims`, {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "3Gi" } } },
    });
    await client.create("/apis/apps/v1/namespaces/team/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { selector: { matchLabels: { app: "d" } }, template: { metadata: { labels: { app: "d" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    // Drift admission cannot see (an object charged whose create then failed, say), with usage missing: the
    // controller measures again. Missing figures are filled at once, lower ones once they have held for a while
    // (a charge may be for an object on its way to the store).
    const drifted = await client.get(`${ns}/resourcequotas/q`);
    await client.update(`${ns}/resourcequotas/q/status`, { ...drifted, status: { ...(drifted.status as object), used: { pods: "4", "requests.cpu": "1" } } });
    await c.settle();
    expect((await quotaStatus(c)).used).toMatchObject({ pods: "4", "requests.cpu": "1", services: "1", configmaps: "1" });
    await c.settle({ advanceTimersUpTo: 10_000 });
    expect(await quotaStatus(c)).toEqual({
      hard: expect.objectContaining({ pods: "5", "requests.storage": "10Gi" }) as unknown,
      used: {
        pods: "2",
        "requests.cpu": "200m",
        "limits.memory": "256Mi",
        services: "1",
        "services.loadbalancers": "1",
        configmaps: "1",
        secrets: "0",
        persistentvolumeclaims: "1",
        "requests.storage": "3Gi",
        "count/deployments.apps": "1",
        "count/roles.rbac.authorization.k8s.io": "0",
      },
    });
    expect(c.errors).toEqual([]);

    // Kinds no informer follows are counted again on the periodic resync (an object stored without admission here).
    const key = { cluster: "test", group: "rbac.authorization.k8s.io", resource: "roles", namespace: "team", name: "e" };
    await c.store.create(key, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "e", namespace: "team", uid: "e" }, rules: [] });
    await c.settle();
    expect((await quotaStatus(c)).used["count/roles.rbac.authorization.k8s.io"]).toBe("0");
    await c.settle({ advanceTimersUpTo: 5 * 60 * 1000 });
    expect((await quotaStatus(c)).used["count/roles.rbac.authorization.k8s.io"]).toBe("1");
  });

  it("stops counting a finished pod and one past its deletion grace period", async () => {
    const c = await start({ pods: "5", "requests.cpu": "2" });
    const { client } = c;
    for (const name of ["a", "b", "c"]) await client.create(`${ns}/pods`, pod(name));
    await c.settle();
    expect((await quotaStatus(c)).used).toEqual({ pods: "3", "requests.cpu": "300m" });

    const a = await client.get(`${ns}/pods/a`);
    await client.update(`${ns}/pods/a/status`, { ...a, status: { phase: "Succeeded" } });
    // Bound to a node, a deleted pod lingers through its grace period (the kubelet would stop it) and is charged until then.
    await client.create(`${ns}/pods/b/binding`, { apiVersion: "v1", kind: "Binding", metadata: { name: "b" }, target: { kind: "Node", name: "node-1" } });
    await client.delete(`${ns}/pods/b`, { body: { apiVersion: "v1", kind: "DeleteOptions", gracePeriodSeconds: 30 } });
    await c.settle();
    expect((await client.get(`${ns}/pods/b`)).metadata.deletionTimestamp).toBeDefined();
    expect((await quotaStatus(c)).used).toEqual({ pods: "2", "requests.cpu": "200m" });
    // Kubernetes counts it until deletionTimestamp (already now + grace) plus the grace period again; the lower
    // figure is written once it has held for the controller's settle time (10 s).
    c.clock.advance(59_000);
    await c.settle();
    expect((await quotaStatus(c)).used).toEqual({ pods: "2", "requests.cpu": "200m" });
    await c.settle({ advanceTimersUpTo: 2_000 });
    expect((await quotaStatus(c)).used).toEqual({ pods: "2", "requests.cpu": "200m" });
    await c.settle({ advanceTimersUpTo: 10_000 });
    expect((await quotaStatus(c)).used).toEqual({ pods: "1", "requests.cpu": "100m" });
  });
});

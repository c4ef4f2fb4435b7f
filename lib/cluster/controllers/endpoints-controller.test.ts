import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/status";
import type { KubeObject } from "../store/object-store";
import { endpointsController } from "./endpoints-controller";
import { createRunningPods, NS, path, pod, runPod, service, withNamespace } from "./testing/service-fixtures";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const start = async () => (cluster = await withNamespace(await startTestCluster([endpointsController])));
const endpoints = async (c: TestCluster, name = "web") => c.client.get(path("endpoints", name));
const ref = (name: string, uid: unknown) => ({ kind: "Pod", namespace: NS, name, uid });

describe("endpoints controller", () => {
  it("lists ready pods under addresses and the rest under notReadyAddresses, resolving named target ports", async () => {
    const c = await start();
    await createRunningPods(c, [
      { name: "web-b", ip: "10.244.1.12" },
      { name: "web-a", ip: "10.244.1.11" },
      { name: "web-slow", ip: "10.244.1.13", ready: false },
      { name: "web-new" },
      { name: "other", ip: "10.244.1.14", labels: { app: "db" } },
    ]);
    await c.client.create(path("services"), service("web", {}, { tier: "front" }));
    await c.settle();
    const ep = await endpoints(c);
    const uid = async (name: string) => (await c.client.get(path("pods", name))).metadata.uid;
    expect(ep.subsets).toEqual([
      {
        addresses: [
          { ip: "10.244.1.11", nodeName: "node-1", targetRef: ref("web-a", await uid("web-a")) },
          { ip: "10.244.1.12", nodeName: "node-1", targetRef: ref("web-b", await uid("web-b")) },
        ],
        notReadyAddresses: [{ ip: "10.244.1.13", nodeName: "node-1", targetRef: ref("web-slow", await uid("web-slow")) }],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
    expect(ep.metadata.labels).toEqual({ tier: "front", "endpointslice.kubernetes.io/skip-mirror": "true" });
    expect(c.errors).toEqual([]);
  });

  it("follows readiness, pod IPs, finished and deleted pods", async () => {
    const c = await start();
    await createRunningPods(c, [{ name: "a", ip: "10.244.0.5" }, { name: "b", ip: "10.244.0.6" }]);
    await c.client.create(path("services"), service("web"));
    await c.settle();
    await runPod(c, "a", "10.244.0.5", false);
    await runPod(c, "b", "10.244.0.6", true, "Succeeded");
    await c.settle();
    expect((await endpoints(c)).subsets).toMatchObject([{ notReadyAddresses: [{ ip: "10.244.0.5" }] }]);
    await c.client.delete(path("pods", "a"), { query: { gracePeriodSeconds: "0" } });
    await c.settle();
    const ep = await endpoints(c);
    expect(ep.subsets).toBeUndefined();
  });

  it("splits pods that resolve a named port differently into subsets, and skips pods without the port", async () => {
    const c = await start();
    await createRunningPods(c, [
      { name: "a", ip: "10.244.0.5" },
      { name: "b", ip: "10.244.0.6", spec: { containers: [{ name: "web", image: "nginx", ports: [{ name: "http", containerPort: 9090 }] }] } },
      { name: "c", ip: "10.244.0.7", spec: { containers: [{ name: "web", image: "nginx" }] } },
    ]);
    await c.client.create(path("services"), service("web"));
    await c.settle();
    const subsets = (await endpoints(c)).subsets as { addresses: { ip: string }[]; ports: { port: number }[] }[];
    expect(subsets.map((s) => [s.addresses.map((a) => a.ip), s.ports.map((p) => p.port)]).sort()).toEqual([
      [["10.244.0.5"], [8080]],
      [["10.244.0.6"], [9090]],
    ]);
  });

  it("gives headless Services' StatefulSet-style pods a hostname, and bare addresses when there are no ports", async () => {
    const c = await start();
    await createRunningPods(c, [{ name: "db-0", ip: "10.244.0.9", labels: { app: "db" }, spec: { hostname: "db-0", subdomain: "db" } }]);
    await c.client.create(path("services"), service("db", { clusterIP: "None", selector: { app: "db" }, ports: [] }));
    await c.settle();
    const ep = await endpoints(c, "db");
    expect(ep.subsets).toMatchObject([{ addresses: [{ ip: "10.244.0.9", hostname: "db-0" }] }]);
    expect((ep.subsets as { ports?: unknown }[])[0]!.ports).toBeUndefined();
    expect(ep.metadata.labels).toMatchObject({ "service.kubernetes.io/headless": "" });
  });

  it("leaves Services without a selector (and their hand-written Endpoints) alone, and deletes its own with the Service", async () => {
    const c = await start();
    await c.client.create(path("services"), { apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { ports: [{ port: 5432 }] } });
    const manual: KubeObject = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "ext" }, subsets: [{ addresses: [{ ip: "192.168.1.50" }], ports: [{ port: 5432 }] }] };
    await c.client.create(path("endpoints"), manual);
    await createRunningPods(c, [{ name: "a", ip: "10.244.0.5" }]);
    await c.client.create(path("services"), service("web"));
    await c.settle();
    expect((await endpoints(c, "ext")).subsets).toMatchObject([{ addresses: [{ ip: "192.168.1.50" }] }]);

    await c.client.delete(path("services", "ext"));
    await c.client.delete(path("services", "web"));
    await c.settle();
    expect((await endpoints(c, "ext")).metadata.name).toBe("ext");
    await expect(endpoints(c)).rejects.toBeInstanceOf(ApiError);
  });

  it("puts back managed Endpoints someone deleted, and a new matching pod joins", async () => {
    const c = await start();
    await c.client.create(path("services"), service("web"));
    await c.settle();
    expect((await endpoints(c)).subsets).toBeUndefined();
    await c.client.delete(path("endpoints", "web"));
    await c.client.create(path("pods"), pod("late"));
    await runPod(c, "late", "10.244.3.3", true);
    await c.settle();
    expect((await endpoints(c)).subsets).toMatchObject([{ addresses: [{ ip: "10.244.3.3" }] }]);
  });
});

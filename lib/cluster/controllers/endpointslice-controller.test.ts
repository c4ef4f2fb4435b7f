import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { endpointSliceController } from "./endpointslice-controller";
import { createRunningPods, NS, path, service, withNamespace } from "./testing/service-fixtures";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const start = async () => (cluster = await withNamespace(await startTestCluster([endpointSliceController])));

type Endpoint = { addresses: string[]; conditions: Record<string, boolean>; targetRef: { name: string }; hostname?: string; nodeName?: string };
type Slice = KubeObject & { addressType: string; endpoints: Endpoint[]; ports: { name: string; port: number; protocol: string }[] };

async function slices(c: TestCluster, service = "web"): Promise<Slice[]> {
  const { items } = await c.client.list(path("endpointslices"), { labelSelector: `kubernetes.io/service-name=${service}` });
  return items as Slice[];
}
const names = (slice: Slice) => slice.endpoints.map((e) => e.targetRef.name).sort();

describe("endpointslice controller", () => {
  it("writes one IPv4 slice named after the Service, owned by it, with conditions per pod", async () => {
    const c = await start();
    await createRunningPods(c, [{ name: "a", ip: "10.244.0.5" }, { name: "b", ip: "10.244.0.6", ready: false }]);
    const svc = await c.client.create(path("services"), service("web", {}, { team: "shop" }));
    await c.settle();
    const [slice, ...more] = await slices(c);
    expect(more).toEqual([]);
    expect(slice!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.labels).toEqual({
      team: "shop",
      "kubernetes.io/service-name": "web",
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Service", name: "web", uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.addressType).toBe("IPv4");
    expect(slice!.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    const uidOf = async (name: string) => (await c.client.get(path("pods", name))).metadata.uid;
    expect(slice!.endpoints).toEqual([
      { addresses: ["10.244.0.5"], conditions: { ready: true, serving: true, terminating: false }, nodeName: "node-1", targetRef: { kind: "Pod", namespace: NS, name: "a", uid: await uidOf("a") } },
      { addresses: ["10.244.0.6"], conditions: { ready: false, serving: false, terminating: false }, nodeName: "node-1", targetRef: { kind: "Pod", namespace: NS, name: "b", uid: await uidOf("b") } },
    ]);
    expect(c.errors).toEqual([]);
  });

  it("keeps terminating pods as serving but not ready", async () => {
    const c = await start();
    await createRunningPods(c, [{ name: "a", ip: "10.244.0.5" }]);
    await c.client.create(path("services"), service("web"));
    await c.settle();
    // Graceful deletion: the pod stays (Terminating) until its kubelet finishes it.
    await c.client.delete(path("pods", "a"), { query: { gracePeriodSeconds: "30" } });
    await c.settle();
    expect((await slices(c))[0]!.endpoints).toMatchObject([{ addresses: ["10.244.0.5"], conditions: { ready: false, serving: true, terminating: true } }]);
  });

  it("keeps an empty placeholder slice while nothing matches, then replaces it", async () => {
    const c = await start();
    await c.client.create(path("services"), service("web"));
    await c.settle();
    expect((await slices(c)).map((s) => [s.ports, s.endpoints])).toEqual([[[], []]]);
    await createRunningPods(c, [{ name: "a", ip: "10.244.0.5" }]);
    await c.settle();
    const after = await slices(c);
    expect(after).toHaveLength(1);
    expect(after[0]!.endpoints.map((e) => e.addresses[0])).toEqual(["10.244.0.5"]);
  });

  it("puts at most 100 endpoints in a slice and moves none when pods go", async () => {
    const c = await start();
    const pods = Array.from({ length: 250 }, (_, i) => ({ name: `p${String(i).padStart(3, "0")}`, ip: `10.244.${Math.floor(i / 200)}.${(i % 200) + 1}` }));
    await createRunningPods(c, pods);
    await c.client.create(path("services"), service("web"));
    await c.settle();
    const before = await slices(c);
    expect(before.map((s) => s.endpoints.length).sort()).toEqual([100, 100, 50]);
    const home = new Map(before.flatMap((s) => names(s).map((n) => [n, s.metadata.name])));

    // Remove every pod of one full slice and a few of another.
    const full = before.find((s) => s.endpoints.length === 100)!;
    const gone = [...names(full), ...names(before.find((s) => s !== full && s.endpoints.length === 100)!).slice(0, 10)];
    for (const name of gone) await c.client.delete(path("pods", name), { query: { gracePeriodSeconds: "0" } });
    await c.settle();
    const after = await slices(c);
    expect(after.map((s) => s.endpoints.length).sort()).toEqual([50, 90]);
    for (const slice of after) for (const name of names(slice)) expect(home.get(name)).toBe(slice.metadata.name);
  });

  it("labels headless slices and gives StatefulSet-style pods their hostname", async () => {
    const c = await start();
    await createRunningPods(c, [{ name: "db-0", ip: "10.244.0.9", labels: { app: "db" }, spec: { hostname: "db-0", subdomain: "db" } }]);
    await c.client.create(path("services"), service("db", { clusterIP: "None", selector: { app: "db" }, ports: [{ port: 5432 }] }));
    await c.settle();
    const [slice] = await slices(c, "db");
    expect(slice!.metadata.labels).toMatchObject({ "service.kubernetes.io/headless": "" });
    expect(slice!.ports).toEqual([{ name: "", port: 5432, protocol: "TCP" }]);
    expect(slice!.endpoints[0]).toMatchObject({ hostname: "db-0", addresses: ["10.244.0.9"] });
  });

  it("deletes its slices when the Service goes or loses its selector, and leaves other slices alone", async () => {
    const c = await start();
    await createRunningPods(c, [{ name: "a", ip: "10.244.0.5" }]);
    await c.client.create(path("services"), service("web"));
    await c.client.create(path("services"), service("api"));
    await c.client.create(path("endpointslices"), {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "web-manual", labels: { "kubernetes.io/service-name": "web" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["192.168.0.9"] }],
    });
    await c.settle();
    await c.client.delete(path("services", "web"));
    await c.client.patch(path("services", "api"), { spec: { selector: null } });
    await c.settle();
    expect((await slices(c)).map((s) => s.metadata.name)).toEqual(["web-manual"]);
    expect(await slices(c, "api")).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { serviceLoadBalancerController } from "./service-lb-controller";
import { eventsFor, path, service, withNamespace } from "./testing/service-fixtures";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const start = async (loadBalancerMs = 0) =>
  (cluster = await withNamespace(await startTestCluster([serviceLoadBalancerController], { config: { loadBalancerMs } })));

const lb = (name: string, spec: Record<string, unknown> = {}) => service(name, { type: "LoadBalancer", ...spec });
const ingress = async (c: TestCluster, name: string) =>
  ((await c.client.get(path("services", name))).status as { loadBalancer?: { ingress?: unknown[] } }).loadBalancer?.ingress;

describe("service load balancer controller", () => {
  it("leaves the address pending for loadBalancerMs, then gives the first free pool address (after ingress-nginx's)", async () => {
    const c = await start(2_000);
    await c.client.create(path("services"), lb("web"));
    await c.settle();
    expect(await ingress(c, "web")).toBeUndefined();
    expect(await eventsFor(c, "web")).toEqual([{ type: "Normal", reason: "EnsuringLoadBalancer", message: "Ensuring load balancer" }]);
    c.clock.advance(1_999);
    await c.settle();
    expect(await ingress(c, "web")).toBeUndefined();
    await c.settle({ advanceTimersUpTo: 1 });
    expect(await ingress(c, "web")).toEqual([{ ip: "172.18.255.201", ipMode: "VIP" }]);
    expect((await eventsFor(c, "web")).map((e) => e.reason)).toEqual(["EnsuringLoadBalancer", "EnsuredLoadBalancer"]);
    expect(c.errors).toEqual([]);
  });

  it("hands out distinct addresses and reuses one once its Service is gone or changes type", async () => {
    const c = await start();
    await c.client.create(path("services"), lb("a"));
    await c.settle();
    await c.client.create(path("services"), lb("b"));
    await c.settle();
    expect(await ingress(c, "b")).toEqual([{ ip: "172.18.255.202", ipMode: "VIP" }]);
    await c.client.delete(path("services", "a"));
    await c.client.create(path("services"), lb("c"));
    await c.settle();
    expect(await ingress(c, "c")).toEqual([{ ip: "172.18.255.201", ipMode: "VIP" }]);

    await c.client.patch(path("services", "b"), { spec: { type: "ClusterIP" } });
    await c.settle();
    expect(await ingress(c, "b")).toBeUndefined();
    await c.client.create(path("services"), lb("d"));
    await c.settle();
    expect(await ingress(c, "d")).toEqual([{ ip: "172.18.255.202", ipMode: "VIP" }]);
  });

  it("honours spec.loadBalancerIP from the pool and reports one it cannot give", async () => {
    const c = await start();
    await c.client.create(path("services"), lb("pinned", { loadBalancerIP: "172.18.255.210" }));
    await c.client.create(path("services"), lb("outside", { loadBalancerIP: "10.1.2.3" }));
    await c.settle();
    expect(await ingress(c, "pinned")).toEqual([{ ip: "172.18.255.210", ipMode: "VIP" }]);
    expect(await ingress(c, "outside")).toBeUndefined();
    expect(await eventsFor(c, "outside")).toContainEqual({ type: "Warning", reason: "AllocationFailed", message: 'Failed to allocate IP for "shop/outside": "10.1.2.3" is not available' });
  });

  it("gives the newer of two Services that ended up with one address another address", async () => {
    const c = await start();
    await c.client.create(path("services"), lb("old"));
    c.clock.advance(1_000);
    await c.client.create(path("services"), lb("new"));
    await c.settle();
    // As if a pass in another worker had given it the same address from a stale cache.
    const stale = await c.client.get(path("services", "new"));
    await c.client.update(path("services", "new", "status"), { ...stale, status: { loadBalancer: { ingress: [{ ip: "172.18.255.201" }] } } });
    await c.settle();
    expect(await ingress(c, "old")).toEqual([{ ip: "172.18.255.201", ipMode: "VIP" }]);
    expect(await ingress(c, "new")).toEqual([{ ip: "172.18.255.202", ipMode: "VIP" }]);
  });

  it("ignores Services of other types and other load balancer classes", async () => {
    const c = await start();
    await c.client.create(path("services"), service("plain"));
    await c.client.create(path("services"), lb("theirs", { loadBalancerClass: "example.com/lb" }));
    await c.settle();
    expect(await ingress(c, "plain")).toBeUndefined();
    expect(await ingress(c, "theirs")).toBeUndefined();
  });
});

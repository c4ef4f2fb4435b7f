import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { LaggingStore } from "../store/testing/lagging-store";
import { resourceQuotaController } from "./resourcequota-controller";
import { resources } from "./runtime/resource-id";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

// Admission charges a quota (compare-and-swap on status.used) before the object it charged for is stored, and the
// controller's informers see both later still. A recount in those windows must never give a charge back: that is
// how a namespace ends up with one pod more than its quota allows.

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const ns = "/api/v1/namespaces/team";
const quotaKey = { cluster: "test", group: "", resource: "resourcequotas", namespace: "team", name: "q" };
const pod = (name: string): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "app", image: "nginx" }] } });
const usedOf = async (c: TestCluster) => ((await c.client.get(`${ns}/resourcequotas/q`)).status as { used: Record<string, string> }).used;
/** What the periodic resync does: every quota gets a full pass. */
const resync = (c: TestCluster) => c.queue.add(resourceQuotaController.name, "team/q");

async function start(hard: Record<string, string>): Promise<{ c: TestCluster; feed: LaggingStore }> {
  let feed: LaggingStore | undefined;
  const c = await startTestCluster([resourceQuotaController], { wrapStore: (store) => (feed = new LaggingStore(store)) });
  cluster = c;
  // Only the pods informer lags; quota changes reach the controller at once.
  feed!.holds = (query) => query.resource === "pods";
  await c.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
  await c.client.create(`${ns}/resourcequotas`, { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard } });
  await c.settle();
  return { c, feed: feed! };
}

/** Admission's charge for a pod whose create has not reached the store yet (or never will). */
async function chargeWithoutObject(c: TestCluster, pods: string): Promise<void> {
  const current = (await c.store.get(quotaKey))!;
  await c.store.update(quotaKey, { ...current, status: { ...(current.status as object), used: { pods } } }, current.metadata.resourceVersion);
}

describe("resource quota controller against a lagging cache", () => {
  it("gives back nothing admission charged for pods its cache does not show yet", async () => {
    const { c, feed } = await start({ pods: "2" });
    feed.holding = true;
    await c.client.create(`${ns}/pods`, pod("a"));
    await c.settle();
    await c.client.create(`${ns}/pods`, pod("b"));
    await c.settle();
    expect(c.informers.list(resources.pods, "team")).toEqual([]);
    await expect(c.client.create(`${ns}/pods`, pod("c"))).rejects.toMatchObject({
      code: 403,
      message: 'pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2',
    });

    // The periodic resync while the cache still lags: counted from the store, so nothing changes.
    resync(c);
    await c.settle({ advanceTimersUpTo: 60_000 });
    expect(await usedOf(c)).toEqual({ pods: "2" });

    feed.release();
    await c.settle({ advanceTimersUpTo: 60_000 });
    expect((await c.client.list(`${ns}/pods`)).items.map((p) => p.metadata.name)).toEqual(["a", "b"]);
    expect(await usedOf(c)).toEqual({ pods: "2" });
    expect(c.errors).toEqual([]);
  });

  it("keeps a charge whose object is still on its way to the store, and gives back one that never arrives", async () => {
    const { c } = await start({ pods: "3" });
    await c.client.create(`${ns}/pods`, pod("a"));
    await c.settle();

    await chargeWithoutObject(c, "2");
    resync(c);
    await c.settle();
    expect(await usedOf(c)).toEqual({ pods: "2" });
    // The create lands (admission had already let it in).
    await c.store.create({ ...quotaKey, resource: "pods", name: "b" }, { ...pod("b"), metadata: { name: "b", namespace: "team", uid: "b" } });
    await c.settle({ advanceTimersUpTo: 60_000 });
    expect(await usedOf(c)).toEqual({ pods: "2" });

    // A charge for a create that then failed: given back once it has had time to land and has not.
    await chargeWithoutObject(c, "3");
    resync(c);
    await c.settle();
    expect(await usedOf(c)).toEqual({ pods: "3" });
    await c.settle({ advanceTimersUpTo: 60_000 });
    expect(await usedOf(c)).toEqual({ pods: "2" });
    expect(c.errors).toEqual([]);
  });

  it("counts a new quota once more when it has settled, for objects admitted before it was stored", async () => {
    const { c } = await start({ pods: "3" });
    // Admitted by an API server process that had not seen the quota yet: never charged.
    await c.store.create({ ...quotaKey, resource: "pods", name: "early" }, { ...pod("early"), metadata: { name: "early", namespace: "team", uid: "early" } });
    await c.settle();
    expect(await usedOf(c)).toEqual({ pods: "0" });
    await c.settle({ advanceTimersUpTo: 10_000 });
    expect(await usedOf(c)).toEqual({ pods: "1" });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { ApiError } from "../status";
import { corePath, limitRange, pod, quota, wholePipeline } from "./testing/whole-pipeline";

// Admission reading namespaces, ResourceQuotas and LimitRanges from memory must decide exactly as it does reading
// the store: this process's own writes count at once, and the cache's lag (another process's writes) never
// refuses what the store would accept.
type Pipeline = Awaited<ReturnType<typeof wholePipeline>>;
const open: Pipeline[] = [];
const cachedPipeline = async () => {
  const pipeline = await wholePipeline({ cached: true });
  open.push(pipeline);
  return pipeline;
};
afterEach(async () => {
  for (const p of open.splice(0)) {
    p.feed.release();
    await p.close();
  }
});

const resourcesOf = (object: KubeObject) => (object.spec as { containers: { resources?: unknown }[] }).containers[0]?.resources;

describe("admission with the admission cache", () => {
  it("applies a LimitRange and a quota created through this process to the very next pod", async () => {
    const { admin } = await cachedPipeline();
    // The cache has listed everything before the LimitRange exists (a pod create reads it).
    await admin.create(corePath("pods"), pod("before"));
    await admin.create(corePath("limitranges"), limitRange("defaults", [{ type: "Container", default: { cpu: "500m", memory: "256Mi" } }]));
    const defaulted = await admin.create(corePath("pods"), pod("after"));
    expect(resourcesOf(defaulted)).toEqual({ requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } });

    await admin.create(corePath("resourcequotas"), quota("q", { pods: "2" }));
    const third = admin.create(corePath("pods"), pod("third"));
    await expect(third).rejects.toBeInstanceOf(ApiError);
    await expect(third).rejects.toMatchObject({ code: 403, message: 'pods "third" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2' });
  });

  it("charges every pod against a quota while the feed lags: usage is read from the store, not the cache", async () => {
    const { admin, feed } = await cachedPipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "3" }));
    await admin.create(corePath("pods"), pod("warm"));
    // From here the cache hears nothing: the quota's usage updates must not be taken from it.
    feed.holding = true;
    await admin.create(corePath("pods"), pod("b"));
    await admin.create(corePath("pods"), pod("c"));
    await expect(admin.create(corePath("pods"), pod("d"))).rejects.toMatchObject({
      code: 403,
      message: 'pods "d" is forbidden: exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3',
    });
    const stored = await admin.get(corePath("resourcequotas", "q"));
    expect((stored.status as { used?: Record<string, string> }).used).toEqual({ pods: "3" });
  });

  it("accepts a create in a namespace another process made a moment ago, before the cache has heard of it", async () => {
    const { admin, store, feed } = await cachedPipeline();
    await admin.create(corePath("pods"), pod("warm"));
    feed.holding = true;
    // Written by another process straight into the store: this process's cache is not told of it.
    await store.create(
      { cluster: "test", group: "", resource: "namespaces", namespace: "", name: "fresh" },
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "fresh", uid: "u-fresh" }, status: { phase: "Active" } },
    );
    const created = (await admin.create("/api/v1/namespaces/fresh/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } }));
    expect(created.metadata.namespace).toBe("fresh");
    // And refuses one in a namespace that does not exist, in Kubernetes' words.
    await expect(admin.create("/api/v1/namespaces/nowhere/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } })).rejects.toMatchObject({
      code: 404,
      message: 'namespaces "nowhere" not found',
    });
  });

  it("refuses creates in a namespace this process has just marked for deletion", async () => {
    const { admin } = await cachedPipeline();
    await admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
    await admin.request("DELETE", "/api/v1/namespaces/dev");
    await expect(admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } })).rejects.toMatchObject({
      code: 403,
      message: 'configmaps "b" is forbidden: unable to create new content in namespace dev because it is being terminated',
    });
  });
});

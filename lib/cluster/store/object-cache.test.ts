import { afterEach, describe, expect, it } from "vitest";
import { ObjectCache } from "./object-cache";
import type { KubeObject, ObjectKey } from "./object-store";
import { LaggingStore } from "./testing/lagging-store";
import { trackWrites } from "./track-writes";

const cluster = "c1";
const quotaKey = (name: string): ObjectKey => ({ cluster, group: "", resource: "resourcequotas", namespace: "ns", name });
const quota = (name: string, used: string): KubeObject => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name, namespace: "ns" }, status: { used: { pods: used } } });
const inMemory = <T>(value: T | Promise<T>): value is T => !(value instanceof Promise);

const caches: ObjectCache[] = [];
const newCache = (store: LaggingStore) => {
  const cache = new ObjectCache({
    store,
    cluster,
    resources: [
      { group: "", resource: "resourcequotas", namespaced: true, readYourWrites: "membership" },
      { group: "", resource: "namespaces", namespaced: false },
    ],
    catchUpTimeoutMs: 5_000,
    retryDelayMs: 10,
  });
  caches.push(cache);
  return cache;
};
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

describe("ObjectCache", () => {
  it("in membership mode, waits for its own creates and deletes but never for its own updates", async () => {
    const store = new LaggingStore();
    const cache = newCache(store);
    const api = trackWrites(store, [cache]);
    expect(await cache.list("", "resourcequotas", "ns")).toEqual([]);

    store.holding = true;
    const created = await api.create(quotaKey("q"), quota("q", "0"));
    // The create is this process's own: the read waits for the feed rather than answer "no quotas".
    const listed = cache.list("", "resourcequotas", "ns");
    expect(inMemory(listed)).toBe(false);
    store.release();
    expect((await listed).map((o) => o.metadata.name)).toEqual(["q"]);

    store.holding = true;
    await api.update(quotaKey("q"), quota("q", "1"), created.metadata.resourceVersion);
    // An update changes no membership: answered at once from memory (its content may be behind).
    const afterUpdate = cache.list("", "resourcequotas", "ns");
    expect(inMemory(afterUpdate) && afterUpdate.map((o) => o.metadata.name)).toEqual(["q"]);

    await api.delete(quotaKey("q"));
    expect(inMemory(cache.list("", "resourcequotas", "ns"))).toBe(false);
    store.release();
  });

  it("gets one object from memory, and from the store once closed", async () => {
    const store = new LaggingStore();
    await store.create({ cluster, group: "", resource: "namespaces", namespace: "", name: "a" }, { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } });
    const cache = newCache(store);
    expect((await cache.get("", "namespaces", "", "a"))?.metadata.name).toBe("a");
    const again = cache.get("", "namespaces", "", "a");
    expect(inMemory(again) && again?.metadata.name).toBe("a");
    expect(cache.get("", "namespaces", "", "b")).toBeUndefined();

    await cache.close();
    await store.create({ cluster, group: "", resource: "namespaces", namespace: "", name: "b" }, { apiVersion: "v1", kind: "Namespace", metadata: { name: "b" } });
    expect((await cache.get("", "namespaces", "", "b"))?.metadata.name).toBe("b");
    expect(() => cache.list("", "configmaps", "ns")).toThrow(/not followed/);
  });
});

import { describe, expect, it } from "vitest";
import { ManualClock } from "../../clock";
import { MemoryObjectStore } from "../../store/memory-object-store";
import type { ObjectKey } from "../../store/object-store";
import { ResourceRegistry } from "../resources/resource-registry";
import { ApiError } from "../status";
import type { ApiContext } from "./api-context";
import { deleteObject } from "./delete-object";
import type { Target } from "./target";

/** A store where another writer updates the object `races` times just before each of our deletes lands. */
function racingContext(races: number) {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  let left = races;
  const racingStore = Object.create(store) as MemoryObjectStore;
  racingStore.delete = async (key: ObjectKey, expectedRevision?: string) => {
    if (left-- > 0) {
      const current = await store.get(key);
      if (current) await store.update(key, { ...current, data: { touched: String(left) } });
    }
    return store.delete(key, expectedRevision);
  };
  const ctx: ApiContext = { store: racingStore, registry: new ResourceRegistry(), clock, cluster: "test", newUid: () => "uid-1", randomSuffix: () => "x2b4z" };
  const type = ctx.registry.resolve("", "v1", "configmaps")!;
  const target: Target = { type, namespace: "default", name: "c", subresource: "" };
  const key: ObjectKey = { cluster: "test", group: "", resource: "configmaps", namespace: "default", name: "c" };
  return { ctx, target, key, store };
}

describe("deleteObject", () => {
  it("retries when the object changes between its read and the delete, as kube-apiserver does", async () => {
    const { ctx, target, key, store } = racingContext(2);
    await store.create(key, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", uid: "uid-1" }, data: {} });
    expect((await deleteObject(ctx, target)).outcome).toBe("deleted");
    expect(await store.get(key)).toBeUndefined();
  });

  it("still answers Conflict when the caller named the resourceVersion it meant to delete", async () => {
    const { ctx, target, key, store } = racingContext(1);
    const created = await store.create(key, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", uid: "uid-1" }, data: {} });
    const failure = await deleteObject(ctx, target, { preconditions: { resourceVersion: created.metadata.resourceVersion } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe(409);
    expect(await store.get(key)).toBeDefined();
  });

  it("gives up with Conflict when it keeps losing the race", async () => {
    const { ctx, target, key, store } = racingContext(50);
    await store.create(key, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", uid: "uid-1" }, data: {} });
    const failure = await deleteObject(ctx, target).catch((e: unknown) => e);
    expect((failure as ApiError).code).toBe(409);
  });
});

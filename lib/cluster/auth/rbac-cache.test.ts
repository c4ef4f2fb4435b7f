import { afterEach, describe, expect, it } from "vitest";
import { ExpiredError } from "../store/errors";
import type { KubeObject, ObjectKey, ObjectStore } from "../store/object-store";
import { LaggingStore } from "../store/testing/lagging-store";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-roles";
import { createRbacAuthorizer } from "./rbac-authorizer";
import { RbacCache } from "./rbac-cache";
import { trackWrites } from "../store/track-writes";
import { clusterRole, role, roleBinding, roleRef, userSubject } from "./rbac-objects";
import { rbacGroup } from "./subjects";
import type { RequestAttributes, UserInfo } from "./user-info";

const cluster = "c1";
const key = (resource: string, namespace: string, name: string): ObjectKey => ({ cluster, group: rbacGroup, resource, namespace, name });
const asObject = (o: { metadata?: { name?: string; namespace?: string } }) => o as unknown as KubeObject;
const names = (objects: readonly { metadata?: { name?: string } }[]) => objects.map((o) => o.metadata?.name);

const learner: UserInfo = { username: "lee", uid: "", groups: ["system:authenticated"] };
const getConfigMaps = (namespace: string): RequestAttributes => ({
  kind: "resource",
  user: learner,
  verb: "get",
  group: "",
  version: "v1",
  resource: "configmaps",
  subresource: "",
  namespace,
  name: "",
});

/** The value if the cache answered from memory (synchronously), else undefined. */
const fromMemory = <T>(value: T | Promise<T>): T | undefined => (value instanceof Promise ? undefined : value);

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

const caches: RbacCache[] = [];
const newCache = (store: ObjectStore, catchUpTimeoutMs = 5_000) => {
  const cache = new RbacCache({ store, cluster, catchUpTimeoutMs, retryDelayMs: 10 });
  caches.push(cache);
  return cache;
};
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

describe("RbacCache", () => {
  it("lists each resource once and serves it by namespace, then follows changes from the watch", async () => {
    const store = new LaggingStore();
    await store.create(key("roles", "a", "reader"), asObject(role("a", "reader", [])));
    await store.create(key("roles", "b", "writer"), asObject(role("b", "writer", [])));
    await store.create(key("clusterroles", "", "viewer"), asObject(clusterRole("viewer", [])));
    const cache = newCache(store);

    expect(names(await cache.roles("a"))).toEqual(["reader"]);
    expect(names(await cache.roles("b"))).toEqual(["writer"]);
    expect(names(await cache.roles("nowhere"))).toEqual([]);
    expect(names(await cache.clusterRoles())).toEqual(["viewer"]);
    // Served from memory now: synchronously, with no list of the store.
    expect(names(fromMemory(cache.roles("a")) ?? [])).toEqual(["reader"]);

    await store.create(key("roles", "a", "auditor"), asObject(role("a", "auditor", [])));
    await until(() => fromMemory(cache.roles("a"))?.length === 2);
    expect(names(fromMemory(cache.roles("a")) ?? [])).toEqual(["auditor", "reader"]);
    await store.delete(key("roles", "a", "reader"));
    await until(() => fromMemory(cache.roles("a"))?.length === 1);
    expect(store.watches).toBe(4);
  });

  it("waits for its own process's write before answering; another process's write shows once the feed delivers it", async () => {
    const store = new LaggingStore();
    const cache = newCache(store);
    const api = trackWrites(store, [cache]);
    expect(await cache.roleBindings("ns")).toEqual([]);
    const generation = cache.generation();
    expect(generation).toBeDefined();

    // Another process writes; the feed is slow: the cache answers at once, without it.
    store.holding = true;
    await store.create(key("rolebindings", "ns", "theirs"), asObject(roleBinding("ns", "theirs", roleRef("ClusterRole", "view"), [])));
    expect(names(await cache.roleBindings("ns"))).toEqual([]);

    // This process writes: the read waits until the watch has delivered it, and no memo may be reused meanwhile.
    await api.create(key("rolebindings", "ns", "mine"), asObject(roleBinding("ns", "mine", roleRef("ClusterRole", "view"), [])));
    expect(cache.generation()).toBeUndefined();
    let answered: readonly unknown[] | undefined;
    const reading = Promise.resolve(cache.roleBindings("ns")).then((bindings) => (answered = bindings));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toBeUndefined();
    store.release();
    expect(names(await reading)).toEqual(["mine", "theirs"]);
    expect(cache.generation()).not.toBe(generation);
  });

  it("reads the store directly when the cache does not catch up in time, until it has", async () => {
    const store = new LaggingStore();
    const cache = newCache(store, 40);
    const api = trackWrites(store, [cache]);
    expect(await cache.roleBindings("ns")).toEqual([]);
    store.holding = true;
    await api.create(key("rolebindings", "ns", "mine"), asObject(roleBinding("ns", "mine", roleRef("ClusterRole", "view"), [])));
    expect(names(await cache.roleBindings("ns"))).toEqual(["mine"]);
    // Still behind: straight to the store, without waiting again.
    await api.delete(key("rolebindings", "ns", "mine"));
    const started = performance.now();
    expect(await cache.roleBindings("ns")).toEqual([]);
    expect(performance.now() - started).toBeLessThan(30);
    store.release();
    await until(() => cache.generation() !== undefined);
    expect(fromMemory(cache.roleBindings("ns"))).toEqual([]);
  });

  it("lists again when its watch expires, picking up what changed meanwhile", async () => {
    const store = new LaggingStore();
    store.fail = new ExpiredError("too old");
    const errors: unknown[] = [];
    const cache = new RbacCache({ store, cluster, retryDelayMs: 10, onError: (e) => errors.push(e) });
    caches.push(cache);
    cache.start();
    await store.create(key("clusterroles", "", "late"), asObject(clusterRole("late", [])));
    await until(() => names(fromMemory(cache.clusterRoles()) ?? []).includes("late"));
    expect(errors).toEqual([]);
    expect(store.watches).toBeGreaterThan(4);
  });

  it("keeps watching the cluster it was made for only", async () => {
    const store = new LaggingStore();
    const cache = newCache(store);
    await store.create({ ...key("roles", "a", "elsewhere"), cluster: "other" }, asObject(role("a", "elsewhere", [])));
    expect(await cache.roles("a")).toEqual([]);
  });

  it("backs the authorizer: a binding created through the API grants at once, and stops granting once deleted", async () => {
    const store = new LaggingStore();
    for (const r of bootstrapClusterRoles()) await store.create(key("clusterroles", "", r.metadata!.name!), asObject(r));
    for (const b of bootstrapClusterRoleBindings()) await store.create(key("clusterrolebindings", "", b.metadata!.name!), asObject(b));
    const cache = newCache(store);
    const api = trackWrites(store, [cache]);
    const authz = createRbacAuthorizer(cache);
    expect((await authz.check(getConfigMaps("lee"))).decision).toBe("NoOpinion");

    store.holding = true;
    const release = setTimeout(() => store.release(), 20);
    await api.create(key("rolebindings", "lee", "edit"), asObject(roleBinding("lee", "edit", roleRef("ClusterRole", "edit"), [userSubject("lee")])));
    expect(await authz.check(getConfigMaps("lee"))).toEqual({
      decision: "Allow",
      reason: 'RBAC: allowed by RoleBinding "edit/lee" of ClusterRole "edit" to User "lee"',
    });
    expect((await authz.check(getConfigMaps("other"))).decision).toBe("NoOpinion");
    clearTimeout(release);

    store.holding = true;
    setTimeout(() => store.release(), 20);
    await api.delete(key("rolebindings", "lee", "edit"));
    expect((await authz.check(getConfigMaps("lee"))).decision).toBe("NoOpinion");
  });

  it("stops its watches on close, and still answers from the store after", async () => {
    const store = new LaggingStore();
    const cache = newCache(store);
    await cache.roles("a");
    await cache.close();
    await store.create(key("roles", "a", "after"), asObject(role("a", "after", [])));
    expect(names(await cache.roles("a"))).toEqual(["after"]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlreadyExistsError, ConflictError, ExpiredError, NotFoundError } from "./errors";
import type { KubeObject, ObjectKey, ObjectStore, WatchEvent, WatchQuery } from "./object-store";
import { compareKeys } from "./revisions";

/** One store under test, fresh per test (a Postgres harness may share a database: clusters keep tests apart). */
export type StoreHarness = {
  store: ObjectStore;
  /** Compacts the history as far as the window allows: each cluster keeps only its newest change. */
  compactAll(): Promise<void>;
  close?(): Promise<void>;
};

let clusters = 0;

/**
 * The behaviour every ObjectStore must show. Run it against each implementation:
 * `describeObjectStoreContract("memory", async () => ({ store, compactAll }))`.
 */
export function describeObjectStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: ObjectStore;
    let cluster: string;
    const controllers: AbortController[] = [];

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
      cluster = `contract-${++clusters}`;
    });

    afterEach(async () => {
      for (const controller of controllers.splice(0)) controller.abort();
      await harness.close?.();
    });

    const pods = (namespace: string, name: string): ObjectKey => ({ cluster, group: "", resource: "pods", namespace, name });
    const pod = (namespace: string, name: string, image = "nginx"): KubeObject => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace, uid: `uid-${namespace}-${name}` },
      spec: { containers: [{ name: "main", image }] },
    });
    const rv = (object: KubeObject) => object.metadata.resourceVersion ?? "";
    const podQuery = (extra: Partial<WatchQuery> = {}): WatchQuery => ({ cluster, group: "", resource: "pods", ...extra });
    const watch = (query: WatchQuery, from: string) => {
      const controller = new AbortController();
      controllers.push(controller);
      return { reader: new Reader(store.watch(query, from, controller.signal)), controller };
    };
    const summary = (events: WatchEvent[]) =>
      events.map((e) => `${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name}@${e.revision}`);

    it("creates an object and reads it back with its revision", async () => {
      const created = await store.create(pods("shop", "web"), pod("shop", "web"));
      expect(rv(created)).toMatch(/^[1-9]\d*$/);
      expect(created).toEqual({ ...pod("shop", "web"), metadata: { ...pod("shop", "web").metadata, resourceVersion: rv(created) } });
      expect(await store.get(pods("shop", "web"))).toEqual(created);
      expect(await store.get(pods("shop", "other"))).toBeUndefined();
      expect(await store.get({ ...pods("shop", "web"), resource: "services" })).toBeUndefined();
      expect(await store.get({ ...pods("shop", "web"), cluster: `${cluster}-elsewhere` })).toBeUndefined();
    });

    it("refuses to create a key that is taken", async () => {
      await store.create(pods("shop", "web"), pod("shop", "web"));
      const error: unknown = await store.create(pods("shop", "web"), pod("shop", "web", "httpd")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AlreadyExistsError);
      expect((error as AlreadyExistsError).key).toEqual(pods("shop", "web"));
      expect((await store.get(pods("shop", "web")))?.spec).toEqual(pod("shop", "web").spec);
    });

    it("owns metadata.resourceVersion and keeps its own copies", async () => {
      const input = pod("shop", "web");
      input.metadata.resourceVersion = "999999";
      const created = await store.create(pods("shop", "web"), input);
      expect(rv(created)).not.toBe("999999");
      (input.spec as { containers: { image: string }[] }).containers[0]!.image = "mutated-input";
      (created.spec as { containers: { image: string }[] }).containers[0]!.image = "mutated-result";
      const read = await store.get(pods("shop", "web"));
      (read!.spec as { containers: { image: string }[] }).containers[0]!.image = "mutated-read";
      expect((await store.get(pods("shop", "web")))?.spec).toEqual(pod("shop", "web").spec);
    });

    it("updates with compare-and-swap on resourceVersion", async () => {
      const created = await store.create(pods("shop", "web"), pod("shop", "web"));
      const updated = await store.update(pods("shop", "web"), pod("shop", "web", "httpd"), rv(created));
      expect(Number(rv(updated))).toBeGreaterThan(Number(rv(created)));
      expect(await store.get(pods("shop", "web"))).toEqual(updated);

      const stale: unknown = await store.update(pods("shop", "web"), pod("shop", "web", "stale"), rv(created)).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(ConflictError);
      expect((stale as ConflictError).key).toEqual(pods("shop", "web"));
      await expect(store.update(pods("shop", "web"), pod("shop", "web"), "not-a-revision")).rejects.toBeInstanceOf(ConflictError);
      expect((await store.get(pods("shop", "web")))?.spec).toEqual(pod("shop", "web", "httpd").spec);

      const unconditional = await store.update(pods("shop", "web"), pod("shop", "web", "caddy"));
      expect(Number(rv(unconditional))).toBeGreaterThan(Number(rv(updated)));
      expect((await store.get(pods("shop", "web")))?.spec).toEqual(pod("shop", "web", "caddy").spec);
    });

    it("reports NotFound for updates and deletes of missing objects", async () => {
      for (const attempt of [
        () => store.update(pods("shop", "ghost"), pod("shop", "ghost")),
        () => store.update(pods("shop", "ghost"), pod("shop", "ghost"), "1"),
        () => store.delete(pods("shop", "ghost")),
        () => store.delete(pods("shop", "ghost"), "1"),
      ]) {
        const error: unknown = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).key).toEqual(pods("shop", "ghost"));
      }
    });

    it("deletes with a precondition and returns the last state at the deleting revision", async () => {
      const created = await store.create(pods("shop", "web"), pod("shop", "web"));
      const updated = await store.update(pods("shop", "web"), pod("shop", "web", "httpd"));
      await expect(store.delete(pods("shop", "web"), rv(created))).rejects.toBeInstanceOf(ConflictError);
      const deleted = await store.delete(pods("shop", "web"), rv(updated));
      expect(Number(rv(deleted))).toBeGreaterThan(Number(rv(updated)));
      expect({ ...deleted, metadata: { ...deleted.metadata, resourceVersion: rv(updated) } }).toEqual(updated);
      expect(await store.get(pods("shop", "web"))).toBeUndefined();
      await expect(store.delete(pods("shop", "web"))).rejects.toBeInstanceOf(NotFoundError);

      const again = await store.create(pods("shop", "web"), pod("shop", "web"));
      expect(Number(rv(again))).toBeGreaterThan(Number(rv(deleted)));
    });

    it("advances one global revision across resources, namespaces and clusters", async () => {
      const other = `${cluster}-other`;
      const writes = [
        () => store.create(pods("a", "x"), pod("a", "x")),
        () => store.create({ ...pods("", "n1"), resource: "namespaces" }, { metadata: { name: "n1" } }),
        () => store.create({ ...pods("a", "d"), group: "apps", resource: "deployments" }, { metadata: { name: "d" } }),
        () => store.create({ ...pods("b", "x"), cluster: other }, pod("b", "x")),
        () => store.update(pods("a", "x"), pod("a", "x", "httpd")),
        () => store.delete({ ...pods("a", "d"), group: "apps", resource: "deployments" }),
      ];
      const revisions: number[] = [];
      for (const write of writes) revisions.push(Number(rv(await write())));
      expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
      expect(new Set(revisions).size).toBe(revisions.length);
      expect(await store.currentRevision()).toBe(String(revisions.at(-1)));
      expect(await store.currentRevision(cluster)).toBe(String(revisions.at(-1)));
      expect(await store.currentRevision(other)).toBe(String(revisions[3]));
      expect(await store.currentRevision(`${cluster}-never-written`)).toBe("0");
    });

    it("lists one resource in (namespace, name) byte order", async () => {
      const keys = [
        ["shop", "b"], ["shop", "a-b"], ["shop", "ab"], ["shop", "a.b"], ["shop", "a"], ["shop", "aB"],
        ["shop", "a_b"], ["Shop", "z"], ["shop-2", "a"], ["shopping", "a"], ["", "cluster-scoped"],
      ] as const;
      for (const [namespace, name] of keys) await store.create(pods(namespace, name), pod(namespace, name));
      await store.create({ ...pods("shop", "svc"), resource: "services" }, pod("shop", "svc"));
      await store.create({ ...pods("shop", "rs"), group: "apps" }, pod("shop", "rs"));
      await store.create({ ...pods("shop", "far"), cluster: `${cluster}-other` }, pod("shop", "far"));

      const expected = keys.map(([namespace, name]) => ({ namespace, name })).sort(compareKeys);
      expect(expected.slice(0, 3)).toEqual([
        { namespace: "", name: "cluster-scoped" },
        { namespace: "Shop", name: "z" },
        { namespace: "shop", name: "a" },
      ]);
      const list = await store.list({ cluster, group: "", resource: "pods" });
      expect(list.items.map((item) => ({ namespace: item.metadata.namespace, name: item.metadata.name }))).toEqual(expected);
      expect(list.next).toBeUndefined();
      for (const item of list.items) expect(await store.get(pods(item.metadata.namespace!, item.metadata.name!))).toEqual(item);

      // Pages must agree with that order too, or paging would skip and repeat items.
      const paged: { namespace: string | undefined; name: string | undefined }[] = [];
      let after: { namespace: string; name: string } | undefined;
      do {
        const page = await store.list({ cluster, group: "", resource: "pods", limit: 2, ...(after ? { after, atRevision: list.revision } : {}) });
        paged.push(...page.items.map((item) => ({ namespace: item.metadata.namespace, name: item.metadata.name })));
        after = page.next;
      } while (after);
      expect(paged).toEqual(expected);
    });

    it("filters a list by namespace", async () => {
      for (const [namespace, name] of [["a", "1"], ["b", "2"], ["b", "1"], ["", "3"], ["bb", "0"]] as const) {
        await store.create(pods(namespace, name), pod(namespace, name));
      }
      const names = async (namespace: string) =>
        (await store.list({ cluster, group: "", resource: "pods", namespace })).items.map((i) => i.metadata.name);
      expect(await names("b")).toEqual(["1", "2"]);
      expect(await names("")).toEqual(["3"]);
      expect(await names("none")).toEqual([]);
      const paged = await store.list({ cluster, group: "", resource: "pods", namespace: "b", limit: 1, after: { namespace: "b", name: "1" } });
      expect(paged.items.map((i) => i.metadata.name)).toEqual(["2"]);
      expect(paged.next).toBeUndefined();
    });

    it("lists several resources of one namespace together, each as list() gives it", async () => {
      // Optional in the interface; both stores offer it.
      const listNamespace = store.listNamespace?.bind(store);
      expect(listNamespace).toBeDefined();
      if (!listNamespace) return;
      for (const [namespace, name] of [["shop", "b"], ["shop", "a"], ["shop-2", "c"], ["", "d"]] as const) {
        await store.create(pods(namespace, name), pod(namespace, name));
      }
      await store.create({ ...pods("shop", "svc"), resource: "services" }, pod("shop", "svc"));
      await store.create({ ...pods("shop", "rs"), group: "apps", resource: "replicasets" }, pod("shop", "rs"));
      await store.create({ ...pods("shop", "far"), cluster: `${cluster}-other` }, pod("shop", "far"));
      const resources = [
        { group: "", resource: "pods" },
        { group: "", resource: "configmaps" },
        { group: "apps", resource: "replicasets" },
        { group: "", resource: "services" },
      ];
      const together = await listNamespace(cluster, "shop", resources);
      const oneByOne = await Promise.all(resources.map(async (r) => (await store.list({ cluster, ...r, namespace: "shop" })).items));
      expect(together).toEqual(oneByOne);
      expect(together.map((items) => items.map((item) => item.metadata.name))).toEqual([["a", "b"], [], ["rs"], ["svc"]]);
      expect(await listNamespace(cluster, "nowhere", resources)).toEqual([[], [], [], []]);
      // Asked at the same moment (the Postgres store answers them with one statement), each gets its own.
      const [shop, shop2, other, nowhere] = await Promise.all([
        listNamespace(cluster, "shop", resources),
        listNamespace(cluster, "shop-2", [{ group: "", resource: "pods" }]),
        listNamespace(`${cluster}-other`, "shop", resources),
        listNamespace(cluster, "nowhere", resources.slice(0, 2)),
      ]);
      expect(shop).toEqual(together);
      expect(shop2?.map((items) => items.map((item) => item.metadata.name))).toEqual([["c"]]);
      expect(other?.map((items) => items.map((item) => item.metadata.name))).toEqual([["far"], [], [], []]);
      expect(nowhere).toEqual([[], []]);
    });

    it("pages with limit and after, echoing the first page's revision", async () => {
      for (const name of ["e", "c", "a", "d", "b"]) await store.create(pods("shop", name), pod("shop", name));
      const first = await store.list({ cluster, group: "", resource: "pods", limit: 2 });
      expect(first.items.map((i) => i.metadata.name)).toEqual(["a", "b"]);
      expect(first.next).toEqual({ namespace: "shop", name: "b" });

      await store.create(pods("shop", "aa"), pod("shop", "aa")); // behind the cursor: not shown, but the watch has it
      await store.update(pods("shop", "c"), pod("shop", "c", "httpd")); // ahead: shown in its latest state
      const second = await store.list({ cluster, group: "", resource: "pods", limit: 2, after: first.next, atRevision: first.revision });
      expect(second.items.map((i) => i.metadata.name)).toEqual(["c", "d"]);
      expect(second.items[0]?.spec).toEqual(pod("shop", "c", "httpd").spec);
      expect(second.revision).toBe(first.revision);
      const third = await store.list({ cluster, group: "", resource: "pods", limit: 2, after: second.next, atRevision: first.revision });
      expect(third.items.map((i) => i.metadata.name)).toEqual(["e"]);
      expect(third.next).toBeUndefined();

      const { reader } = watch(podQuery(), first.revision);
      expect(summary(await reader.take(2)).map((s) => s.split("@")[0])).toEqual(["ADDED shop/aa", "MODIFIED shop/c"]);

      const exact = await store.list({ cluster, group: "", resource: "pods", limit: 3, after: { namespace: "shop", name: "b" } });
      expect(exact.items.map((i) => i.metadata.name)).toEqual(["c", "d", "e"]);
      expect(exact.next).toBeUndefined();
      expect((await store.list({ cluster, group: "", resource: "pods", limit: 100 })).next).toBeUndefined();
    });

    it("reports a list revision from which a watch misses nothing and repeats nothing", async () => {
      await store.create(pods("shop", "a"), pod("shop", "a"));
      await store.create({ ...pods("shop", "x"), cluster: `${cluster}-other` }, pod("shop", "x"));
      const list = await store.list({ cluster, group: "", resource: "pods" });
      for (const item of list.items) expect(Number(rv(item))).toBeLessThanOrEqual(Number(list.revision));

      const created = await store.create(pods("shop", "b"), pod("shop", "b"));
      const updated = await store.update(pods("shop", "a"), pod("shop", "a", "httpd"));
      const deleted = await store.delete(pods("shop", "b"));
      const { reader } = watch(podQuery(), list.revision);
      expect(summary(await reader.take(3))).toEqual([
        `ADDED shop/b@${rv(created)}`,
        `MODIFIED shop/a@${rv(updated)}`,
        `DELETED shop/b@${rv(deleted)}`,
      ]);
    });

    it("replays the changes after a revision in order, then follows live ones", async () => {
      const a = await store.create(pods("shop", "a"), pod("shop", "a"));
      const b = await store.create(pods("shop", "b"), pod("shop", "b"));
      const a2 = await store.update(pods("shop", "a"), pod("shop", "a", "httpd"), rv(a));
      const gone = await store.delete(pods("shop", "b"));

      const { reader } = watch(podQuery(), rv(a));
      const replayed = await reader.take(3);
      expect(summary(replayed)).toEqual([`ADDED shop/b@${rv(b)}`, `MODIFIED shop/a@${rv(a2)}`, `DELETED shop/b@${rv(gone)}`]);
      expect(replayed[0]?.object).toEqual(b);
      expect(replayed[1]?.object).toEqual(a2);
      expect(replayed[2]?.object).toEqual(gone);
      expect(replayed[2]?.object.metadata.resourceVersion).toBe(replayed[2]?.revision);

      const c = await store.create(pods("shop", "c"), pod("shop", "c"));
      const c2 = await store.update(pods("shop", "c"), pod("shop", "c", "httpd"));
      const live = await reader.take(2);
      expect(summary(live)).toEqual([`ADDED shop/c@${rv(c)}`, `MODIFIED shop/c@${rv(c2)}`]);
      expect(live[1]?.object).toEqual(c2);

      const all = watch(podQuery(), "0").reader;
      expect((await all.take(6)).map((e) => e.revision)).toEqual([a, b, a2, gone, c, c2].map(rv));
    });

    it("watches one namespace or one name, and nothing of other resources or clusters", async () => {
      const start = await store.currentRevision(cluster);
      const inNamespace = watch(podQuery({ namespace: "shop" }), start).reader;
      const byName = watch(podQuery({ namespace: "shop", name: "web" }), start).reader;
      const clusterScoped = watch({ cluster, group: "", resource: "namespaces", name: "shop" }, start).reader;

      await store.create(pods("other", "web"), pod("other", "web"));
      await store.create({ ...pods("shop", "web"), resource: "services" }, pod("shop", "web"));
      await store.create({ ...pods("shop", "web"), group: "apps" }, pod("shop", "web"));
      await store.create({ ...pods("shop", "web"), cluster: `${cluster}-other` }, pod("shop", "web"));
      await store.create(pods("shop", "db"), pod("shop", "db"));
      await store.create({ ...pods("", "other"), resource: "namespaces" }, { metadata: { name: "other" } });
      const web = await store.create(pods("shop", "web"), pod("shop", "web"));
      const ns = await store.create({ ...pods("", "shop"), resource: "namespaces" }, { metadata: { name: "shop" } });
      const gone = await store.delete(pods("shop", "web"));

      expect(summary(await inNamespace.take(3))).toEqual([
        expect.stringMatching(/^ADDED shop\/db@/),
        `ADDED shop/web@${rv(web)}`,
        `DELETED shop/web@${rv(gone)}`,
      ]);
      expect(summary(await byName.take(2))).toEqual([`ADDED shop/web@${rv(web)}`, `DELETED shop/web@${rv(gone)}`]);
      const [namespaceEvent] = await clusterScoped.take(1);
      expect(namespaceEvent).toEqual({ type: "ADDED", object: ns, revision: rv(ns) });
    });

    it("hands out frozen events, so watchers cannot change them for each other", async () => {
      const { reader } = watch(podQuery(), await store.currentRevision(cluster));
      await store.create(pods("shop", "web"), pod("shop", "web"));
      const [event] = await reader.take(1);
      expect(Object.isFrozen(event)).toBe(true);
      expect(Object.isFrozen(event?.object.metadata)).toBe(true);
      expect(Object.isFrozen((event?.object.spec as { containers: unknown[] }).containers[0])).toBe(true);
    });

    it("expires watches and continued lists from compacted revisions", async () => {
      const first = await store.create(pods("shop", "a"), pod("shop", "a"));
      await store.create(pods("shop", "b"), pod("shop", "b"));
      const page = await store.list({ cluster, group: "", resource: "pods", limit: 1 });
      await store.update(pods("shop", "a"), pod("shop", "a", "httpd"));
      const last = await store.update(pods("shop", "a"), pod("shop", "a", "caddy"));
      await harness.compactAll();

      await expect(watch(podQuery(), "0").reader.take(1)).rejects.toBeInstanceOf(ExpiredError);
      await expect(watch(podQuery(), rv(first)).reader.take(1)).rejects.toBeInstanceOf(ExpiredError);
      await expect(
        store.list({ cluster, group: "", resource: "pods", limit: 1, after: page.next, atRevision: page.revision }),
      ).rejects.toBeInstanceOf(ExpiredError);

      // The newest revision stays a valid start, for watches and for paging.
      const fresh = await store.list({ cluster, group: "", resource: "pods", limit: 1 });
      expect(fresh.revision).toBe(rv(last));
      const more = await store.list({ cluster, group: "", resource: "pods", limit: 1, after: fresh.next, atRevision: fresh.revision });
      expect(more.items.map((i) => i.metadata.name)).toEqual(["b"]);
      const { reader } = watch(podQuery(), rv(last));
      const next = await store.create(pods("shop", "c"), pod("shop", "c"));
      expect(summary(await reader.take(1))).toEqual([`ADDED shop/c@${rv(next)}`]);
    });

    it("keeps an idle cluster's latest revision watchable however much another cluster writes", async () => {
      const idle = await store.create(pods("shop", "quiet"), pod("shop", "quiet"));
      const busy = `${cluster}-busy`;
      for (let i = 0; i < 5; i++) await store.create({ ...pods("shop", `n${i}`), cluster: busy }, pod("shop", `n${i}`));
      await harness.compactAll();

      const list = await store.list({ cluster, group: "", resource: "pods" });
      expect(list.revision).toBe(rv(idle));
      const { reader } = watch(podQuery(), list.revision);
      const next = await store.update(pods("shop", "quiet"), pod("shop", "quiet", "httpd"));
      expect(summary(await reader.take(1))).toEqual([`MODIFIED shop/quiet@${rv(next)}`]);
    });

    it("ends a watch promptly when its signal aborts", async () => {
      const { reader, controller } = watch(podQuery(), await store.currentRevision(cluster));
      await store.create(pods("shop", "a"), pod("shop", "a"));
      expect(await reader.take(1)).toHaveLength(1);
      const pending = reader.next();
      controller.abort();
      expect(await withTimeout(pending, 1000, "the aborted watch did not end")).toEqual({ done: true, value: undefined });
      await store.create(pods("shop", "b"), pod("shop", "b"));
      expect(await reader.next()).toEqual({ done: true, value: undefined });

      const aborted = new AbortController();
      aborted.abort();
      const never = store.watch(podQuery(), "0", aborted.signal)[Symbol.asyncIterator]();
      expect(await withTimeout(never.next(), 1000, "a watch on an aborted signal started")).toEqual({ done: true, value: undefined });

      const loop = new AbortController();
      controllers.push(loop);
      const seen: string[] = [];
      const consumer = (async () => {
        for await (const event of store.watch(podQuery(), "0", loop.signal)) {
          seen.push(event.object.metadata.name ?? "");
          if (seen.length === 2) break;
        }
      })();
      await withTimeout(consumer, 5000, "for await did not see two events");
      expect(seen).toEqual(["a", "b"]);
      await store.create(pods("shop", "c"), pod("shop", "c"));
    });
  });
}

/** Reads a watch a few events at a time, keeping an unanswered next() for the following read. */
export class Reader {
  private readonly iterator: AsyncIterator<WatchEvent>;
  private pending: Promise<IteratorResult<WatchEvent>> | undefined;

  constructor(iterable: AsyncIterable<WatchEvent>) {
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    const result = this.pending ?? this.iterator.next();
    this.pending = undefined;
    return result;
  }

  async take(count: number, timeoutMs = 10_000): Promise<WatchEvent[]> {
    const events: WatchEvent[] = [];
    while (events.length < count) {
      const next = (this.pending ??= this.iterator.next());
      this.pending = undefined;
      // A timeout leaves the read outstanding, for the next call to pick up.
      const result = await withTimeout(next, timeoutMs, `watch gave ${events.length} of ${count} events`).catch((error: unknown) => {
        if (error instanceof TimeoutError) this.pending = next;
        throw error;
      });
      if (result.done) throw new Error(`watch ended after ${events.length} of ${count} events`);
      events.push(result.value);
    }
    return events;
  }
}

class TimeoutError extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

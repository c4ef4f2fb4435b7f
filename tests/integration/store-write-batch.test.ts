import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlreadyExistsError, ConflictError, NotFoundError } from "../../lib/cluster/store/errors";
import type { KubeObject, ObjectKey, WatchEvent } from "../../lib/cluster/store/object-store";
import { PostgresObjectStore } from "../../lib/server/store/postgres-object-store";
import { WRITE_BATCH } from "../../lib/server/store/write-statements";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/database";

// Group commit (lib/server/store/write-batcher.ts): concurrent writes of one cluster go in one statement, yet
// each keeps its own outcome and its own revision.

let db: ThrowawayDatabase;
let pool: pg.Pool;
/** Write-batch statements sent, and how many writes each carried. */
const batches: number[] = [];

beforeAll(async () => {
  db = await createThrowawayDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
  const query = pool.query.bind(pool) as (config: unknown) => Promise<unknown>;
  (pool as unknown as { query: typeof query }).query = (config: unknown) => {
    const c = config as { name?: string; values?: unknown[] };
    if (c?.name === WRITE_BATCH.name) batches.push((JSON.parse(String(c.values?.[3])) as unknown[]).length);
    return query(config);
  };
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

let cluster = 0;
const stores: PostgresObjectStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});
const setup = () => {
  const name = `batch-${++cluster}`;
  const store = new PostgresObjectStore({ pool });
  stores.push(store);
  const key = (n: string): ObjectKey => ({ cluster: name, group: "", resource: "configmaps", namespace: "ns", name: n });
  const object = (n: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: n, namespace: "ns", uid: `uid-${n}` }, data });
  return { name, store, key, object };
};

/** Each promise's outcome: the revision it wrote, or the error class it failed with. */
const outcomes = (promises: Promise<KubeObject>[]) =>
  Promise.all(promises.map((p) => p.then((o) => Number(o.metadata.resourceVersion), (e: unknown) => (e as Error).constructor.name)));

describe("store write batching", () => {
  it("gives every write of one batch its own outcome and its own revision, in submission order", async () => {
    const { name, store, key, object } = setup();
    await store.create(key("taken"), object("taken"));
    const kept = await store.create(key("kept"), object("kept"));
    const stale = await store.create(key("stale"), object("stale"));
    const doomed = await store.create(key("doomed"), object("doomed"));
    const guarded = await store.create(key("guarded"), object("guarded"));
    await store.update(key("stale"), object("stale", { v: "2" }));
    await store.update(key("guarded"), object("guarded", { v: "2" }));
    const seen: WatchEvent[] = [];
    const watching = (async () => {
      // Ends with the test: the store's close() ends the watch.
      for await (const event of store.watch({ cluster: name, group: "", resource: "configmaps" }, await store.currentRevision(name), new AbortController().signal)) {
        seen.push(event);
        if (seen.length === 4) return;
      }
    })();

    batches.length = 0;
    // All sent in one tick: the first leaves at once, the rest queue behind it and leave together.
    const results = await outcomes([
      store.create(key("first"), object("first")),
      store.create(key("fresh"), object("fresh")),
      store.create(key("taken"), object("taken")),
      store.update(key("kept"), object("kept", { v: "2" }), kept.metadata.resourceVersion),
      store.update(key("stale"), object("stale", { v: "3" }), stale.metadata.resourceVersion),
      store.update(key("missing"), object("missing")),
      store.delete(key("doomed"), doomed.metadata.resourceVersion),
      store.delete(key("guarded"), guarded.metadata.resourceVersion),
      store.delete(key("absent")),
    ]);
    expect(results.map((r) => typeof r)).toEqual(["number", "number", "string", "number", "string", "string", "number", "string", "string"]);
    expect(results.filter((r) => typeof r === "string")).toEqual([
      AlreadyExistsError.name, // create of an existing key
      ConflictError.name, // update with a stale resourceVersion
      NotFoundError.name, // update of a missing object
      ConflictError.name, // delete with a stale resourceVersion
      NotFoundError.name, // delete of a missing object
    ]);
    const revisions = results.filter((r): r is number => typeof r === "number");
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(4);
    expect(batches).toEqual([1, 8]);

    await watching;
    expect(seen.map((e) => [e.type, e.object.metadata.name, Number(e.revision)])).toEqual([
      ["ADDED", "first", revisions[0]],
      ["ADDED", "fresh", revisions[1]],
      ["MODIFIED", "kept", revisions[2]],
      ["DELETED", "doomed", revisions[3]],
    ]);
    expect(await store.get(key("kept"))).toMatchObject({ data: { v: "2" }, metadata: { resourceVersion: String(revisions[2]) } });
    expect(await store.get(key("stale"))).toMatchObject({ data: { v: "2" } });
    expect(await store.get(key("guarded"))).toBeDefined();
    expect(await store.get(key("doomed"))).toBeUndefined();
  });

  it("runs two writes to one object one after the other, never in one batch", async () => {
    const { store, key, object } = setup();
    const base = await store.create(key("cm"), object("cm"));
    batches.length = 0;
    const results = await outcomes([
      store.create(key("other"), object("other")),
      store.update(key("cm"), object("cm", { by: "a" }), base.metadata.resourceVersion),
      store.update(key("cm"), object("cm", { by: "b" }), base.metadata.resourceVersion),
      store.delete(key("cm")),
    ]);
    // The first update wins; the second sees its change (Conflict); the delete then removes the object.
    expect(results.map((r) => typeof r)).toEqual(["number", "number", "string", "number"]);
    expect(results[2]).toBe(ConflictError.name);
    expect(batches.every((size) => size <= 2)).toBe(true);
    expect(await store.get(key("cm"))).toBeUndefined();
  });

  it("fails only the write whose body Postgres refuses, not the rest of its batch", async () => {
    const { name, store, key, object } = setup();
    batches.length = 0;
    // jsonb cannot hold U+0000: Postgres rejects the whole statement, and the batch is retried write by write.
    const results = await outcomes([
      store.create(key("a"), object("a")),
      store.create(key("b"), object("b")),
      store.create(key("bad"), object("bad", { nul: "\u0000" })),
      store.create(key("c"), object("c")),
    ]);
    expect(results.map((r) => typeof r)).toEqual(["number", "number", "string", "number"]);
    expect(results[2]).toBe("DatabaseError");
    expect(batches).toEqual([1, 3, 1, 1, 1]);
    expect((await store.list({ cluster: name, group: "", resource: "configmaps" })).items.map((o) => o.metadata.name)).toEqual(["a", "b", "c"]);
  });

  it("queues per cluster: writes of different clusters do not wait for each other", async () => {
    const { store, key, object } = setup();
    const elsewhere = { ...key("x"), cluster: `${key("x").cluster}-other` };
    batches.length = 0;
    const results = await outcomes([store.create(key("x"), object("x")), store.create(elsewhere, object("x")), store.create(key("y"), object("y"))]);
    expect(results.every((r) => typeof r === "number")).toBe(true);
    // Both clusters' first writes leave at once; the third waits for its own cluster's batch.
    expect(batches).toEqual([1, 1, 1]);
  });
});

describe("store read batching", () => {
  it("answers concurrent gets, across clusters and with misses, each with its own object, in few statements", async () => {
    const a = setup();
    const b = setup();
    await Promise.all(["x", "y", "z"].map((n) => a.store.create(a.key(n), a.object(n, { from: a.name }))));
    await b.store.create(b.key("x"), b.object("x", { from: b.name }));
    const gets: string[] = [];
    const query = pool.query.bind(pool) as (config: unknown) => Promise<unknown>;
    (pool as unknown as { query: typeof query }).query = (config: unknown) => {
      const name = (config as { name?: string })?.name;
      if (name?.startsWith("kubeclass_store_get")) gets.push(name);
      return query(config);
    };
    try {
      const asked = [a.key("x"), b.key("x"), a.key("missing"), a.key("z"), b.key("y"), a.key("y"), a.key("x")];
      const found = await Promise.all(asked.map((k) => a.store.get(k)));
      expect(found.map((o) => (o ? `${o.metadata.name}@${(o.data as { from: string }).from}` : "none"))).toEqual([
        `x@${a.name}`, `x@${b.name}`, "none", `z@${a.name}`, "none", `y@${a.name}`, `x@${a.name}`,
      ]);
      // Two lone gets went at once; the other five waited for them and went together.
      expect(gets).toEqual(["kubeclass_store_get", "kubeclass_store_get", "kubeclass_store_get_many"]);
    } finally {
      (pool as unknown as { query: typeof query }).query = query;
    }
  });
});

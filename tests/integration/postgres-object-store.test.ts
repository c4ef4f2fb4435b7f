import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../lib/cluster/clock";
import { SlowWatcherError } from "../../lib/cluster/store/errors";
import { describeObjectStoreContract, Reader, withTimeout } from "../../lib/cluster/store/object-store.contract";
import type { KubeObject, ObjectKey, WatchEvent } from "../../lib/cluster/store/object-store";
import { databaseName, dropDatabase, maintenanceUrl, quoteIdentifier, withClient } from "../../lib/server/db/admin";
import { applyMigrations } from "../../lib/server/db/migrate";
import { env } from "../../lib/server/env";
import { LISTENER_APPLICATION_NAME } from "../../lib/server/store/change-feed";
import { PostgresObjectStore, type PostgresObjectStoreOptions } from "../../lib/server/store/postgres-object-store";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/database";

const window = { maxAgeMs: 60_000, minRevisions: 1 };

/** A pool on a fresh database, and stores on it that all share one clock (so created_at only moves forward). */
function storeFixture(createDatabase: () => Promise<ThrowawayDatabase>) {
  const fixture = {
    db: undefined as unknown as ThrowawayDatabase,
    pool: undefined as unknown as pg.Pool,
    clock: new ManualClock(),
    errors: [] as unknown[],
    open(options: Partial<PostgresObjectStoreOptions> = {}) {
      return new PostgresObjectStore({
        pool: fixture.pool,
        clock: fixture.clock,
        historyWindow: window,
        onError: (error) => fixture.errors.push(error),
        ...options,
      });
    },
  };
  beforeAll(async () => {
    fixture.db = await createDatabase();
    fixture.pool = new pg.Pool({ connectionString: fixture.db.url, max: 40 });
    fixture.pool.on("error", () => {}); // idle clients killed by a test's pg_terminate_backend
  });
  afterAll(async () => {
    await fixture.pool?.end();
    await fixture.db?.drop();
  });
  const contract = () => {
    const store = fixture.open();
    return Promise.resolve({
      store,
      compactAll: async () => {
        fixture.clock.advance(window.maxAgeMs + 1);
        await store.compact();
      },
      close: () => store.close(),
    });
  };
  return { fixture, contract };
}

/** A database whose default collation sorts linguistically (ICU English), unlike the C.UTF-8 test server. */
async function createLinguisticDatabase(): Promise<ThrowawayDatabase> {
  const url = new URL(env().DATABASE_URL);
  url.pathname = `/kubeclass_test_icu_${randomBytes(6).toString("hex")}`;
  const connectionString = url.toString();
  await withClient(maintenanceUrl(connectionString), (client) =>
    client.query(
      `CREATE DATABASE ${quoteIdentifier(databaseName(connectionString))} TEMPLATE template0 ` +
        `LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    ),
  );
  await applyMigrations({ connectionString });
  return { url: connectionString, drop: () => dropDatabase(connectionString) };
}

const key = (cluster: string, name: string, namespace = "ns"): ObjectKey => ({
  cluster,
  group: "",
  resource: "configmaps",
  namespace,
  name,
});
const configMap = (name: string, namespace = "ns"): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace, uid: `uid-${name}` },
  data: { name },
});
const query = (cluster: string) => ({ cluster, group: "", resource: "configmaps" });

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("PostgresObjectStore", () => {
  const { fixture, contract } = storeFixture(() => createThrowawayDatabase());
  describeObjectStoreContract("postgres", contract);

  const controllers: AbortController[] = [];
  const stores: PostgresObjectStore[] = [];
  const open = (options: Partial<PostgresObjectStoreOptions> = {}) => {
    const store = fixture.open(options);
    stores.push(store);
    return store;
  };
  const watch = (store: PostgresObjectStore, cluster: string, from: string) => {
    const controller = new AbortController();
    controllers.push(controller);
    return new Reader(store.watch(query(cluster), from, controller.signal));
  };
  const changeLog = async (cluster: string) =>
    (
      await fixture.pool.query<{ r: string }>(
        "SELECT revision::text AS r FROM cluster_changes WHERE cluster = $1 ORDER BY revision",
        [cluster],
      )
    ).rows.map((row) => row.r);

  afterEach(async () => {
    for (const controller of controllers.splice(0)) controller.abort();
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it("gives a watcher every revision of 20 concurrent writers exactly once, in order", async () => {
    const store = open();
    const cluster = "concurrent-writers";
    const reader = watch(store, cluster, "0");
    const received = reader.take(1000, 30_000);
    await eventually(() => store.stats().watchers === 1, "the watcher to subscribe");

    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, writer) => {
        for (let i = 0; i < 50; i++) {
          const created = await store.create(key(cluster, `w${writer}-${i}`), configMap(`w${writer}-${i}`));
          written.push(created.metadata.resourceVersion ?? "");
        }
      }),
    );

    const revisions = (await received).map((event) => event.revision);
    const log = await changeLog(cluster);
    expect(log).toHaveLength(1000);
    expect(revisions).toEqual(log);
    expect(new Set(revisions)).toEqual(new Set(written));
    for (let i = 1; i < revisions.length; i++) expect(Number(revisions[i])).toBeGreaterThan(Number(revisions[i - 1]));
  });

  it("feeds 200 watchers a burst of 100 changes from one shared query per wake-up", async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const cluster = "burst";
    const readers = Array.from({ length: 200 }, () => watch(store, cluster, "0"));
    const warmups = readers.map((reader) => reader.take(1));
    await store.create(key(cluster, "warmup"), configMap("warmup"));
    await Promise.all(warmups); // every watcher is past its replay now: the burst can only come from the feed

    const fetchesBefore = store.stats().fetches;
    const received = readers.map((reader) => reader.take(100));
    const written = (
      await Promise.all(
        Array.from({ length: 10 }, async (_, writer) => {
          const revisions: number[] = [];
          for (let i = 0; i < 10; i++) {
            const created = await store.create(key(cluster, `b${writer}-${i}`), configMap(`b${writer}-${i}`));
            revisions.push(Number(created.metadata.resourceVersion));
          }
          return revisions;
        }),
      )
    )
      .flat()
      .sort((a, b) => a - b)
      .map(String);

    const results: WatchEvent[][] = await Promise.all(received);
    for (const events of results) expect(events.map((e) => e.revision)).toEqual(written);
    // One object per change, shared by all 200 watchers: fanned out in memory, not fetched per watcher.
    expect(new Set(results.map((events) => events[0]?.object)).size).toBe(1);
    const fetches = store.stats().fetches - fetchesBefore;
    expect(fetches).toBeGreaterThan(0);
    expect(fetches).toBeLessThanOrEqual(101);
    expect(store.stats()).toMatchObject({ watchers: 200, clusters: 1, listening: true });
  });

  it("keeps a watch going when its LISTEN connection is killed, and listens again", async () => {
    const store = open({ pollIntervalMs: 1000 });
    const cluster = "listen-killed";
    const reader = watch(store, cluster, "0");
    const first = reader.take(1);
    await store.create(key(cluster, "before"), configMap("before"));
    await first;

    const listeners = () =>
      fixture.pool
        .query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
          [LISTENER_APPLICATION_NAME],
        )
        .then((result) => result.rows.map((row) => row.pid));
    const [pid] = await listeners();
    expect(pid).toBeTypeOf("number");
    await fixture.pool.query("SELECT pg_terminate_backend($1)", [pid]);
    await eventually(() => !store.stats().listening || store.stats().listenConnections > 1, "the feed to notice");

    const during = await store.create(key(cluster, "during"), configMap("during"));
    expect((await reader.take(1, 5000)).map((e) => e.revision)).toEqual([during.metadata.resourceVersion]);

    await eventually(() => store.stats().listening && store.stats().listenConnections === 2, "LISTEN to reconnect");
    const after = await listeners();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(pid);
    const later = await store.create(key(cluster, "after"), configMap("after"));
    expect((await reader.take(1, 5000)).map((e) => e.revision)).toEqual([later.metadata.resourceVersion]);
    expect(fixture.errors.length).toBeGreaterThan(0); // the lost connection was reported
  });

  it("ends a watcher that falls further behind than its buffer; re-watching resumes without loss", async () => {
    const store = open({ watchBufferSize: 10 });
    const cluster = "slow-watcher";
    const reader = watch(store, cluster, "0");
    const first = reader.take(1);
    await store.create(key(cluster, "first"), configMap("first"));
    const [seen] = await first;

    for (let i = 0; i < 30; i++) await store.create(key(cluster, `n${i}`), configMap(`n${i}`));
    await eventually(() => store.stats().watchers === 0, "the slow watcher to be dropped");
    await expect(reader.take(1)).rejects.toBeInstanceOf(SlowWatcherError);

    const resumed = watch(store, cluster, seen?.revision ?? "0");
    expect((await resumed.take(30)).map((e) => e.revision)).toEqual((await changeLog(cluster)).slice(1));
  });

  it("compacts changes older than the window beyond each cluster's floor, and records how far", async () => {
    const store = open();
    const cluster = "compaction";
    for (let i = 0; i < 5; i++) await store.create(key(cluster, `old${i}`), configMap(`old${i}`));
    fixture.clock.advance(30_000);
    for (let i = 0; i < 3; i++) await store.create(key(cluster, `new${i}`), configMap(`new${i}`));
    const before = await changeLog(cluster);

    await store.compact({ maxAgeMs: 20_000, minRevisions: 2 });
    expect(await changeLog(cluster)).toEqual(before.slice(5)); // young enough to stay, though beyond the floor
    const mark = await fixture.pool.query<{ revision: string }>(
      "SELECT revision::text FROM cluster_compactions WHERE cluster = $1",
      [cluster],
    );
    expect(mark.rows).toEqual([{ revision: before[4] }]);

    fixture.clock.advance(30_000);
    await store.compact({ maxAgeMs: 20_000, minRevisions: 2 });
    expect(await changeLog(cluster)).toEqual(before.slice(6)); // now only the floor holds them
    await store.compact({ maxAgeMs: 20_000, minRevisions: 2 });
    expect(await changeLog(cluster)).toEqual(before.slice(6));

    const afterMark = watch(store, cluster, before[5] ?? "");
    const next = await store.create(key(cluster, "next"), configMap("next"));
    expect((await afterMark.take(3)).map((e) => e.revision)).toEqual([...before.slice(6), next.metadata.resourceVersion]);
  });

  it("releases its watchers on abort and its LISTEN connection on close", async () => {
    const store = open();
    const readers = ["a", "b", "c"].map((cluster) => ({ cluster, reader: watch(store, cluster, "0") }));
    const firsts = readers.map(({ reader }) => reader.take(1));
    for (const { cluster } of readers) await store.create(key(cluster, "x"), configMap("x"));
    await Promise.all(firsts);
    expect(store.stats()).toMatchObject({ watchers: 3, clusters: 3, listening: true });

    for (const controller of controllers.splice(0)) controller.abort();
    expect(store.stats()).toMatchObject({ watchers: 0, clusters: 0 });

    const survivor = watch(store, "d", "0");
    const pending = survivor.next();
    await eventually(() => store.stats().watchers === 1, "the last watcher to subscribe");
    await store.close();
    expect(await withTimeout(pending, 1000, "close did not end the watch")).toEqual({ done: true, value: undefined });
    expect(store.stats()).toMatchObject({ watchers: 0, clusters: 0, listening: false });
    await eventually(
      async () =>
        (
          await fixture.pool.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", [
            LISTENER_APPLICATION_NAME,
          ])
        ).rowCount === 0,
      "the LISTEN connection to close",
    );
  });
});

describe("PostgresObjectStore on a database with a linguistic collation", () => {
  const { contract } = storeFixture(createLinguisticDatabase);
  describeObjectStoreContract("postgres (ICU en-US collation)", contract);
});

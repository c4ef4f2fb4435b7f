/**
 * Creates per second through PostgresObjectStore, with synchronous_commit off (the store's default) and on.
 *
 *   npx tsx bench/store-create.ts [--clients 1,8,32] [--creates 4000] [--clusters 1] [--watchers 0]
 *                                 [--batch 64] [--in-flight 1]
 *
 * Each setting runs 3 times on a fresh throwaway database on the DATABASE_URL server; the median is printed.
 * `--clusters K` spreads writes over K logical clusters (writes serialise per cluster); `--watchers W` keeps W
 * watches from revision 0 running, to show the cost of the change feed. `--batch` and `--in-flight` set the
 * store's group commit (writeBatch); `--batch 1 --in-flight 1000` sends every write as its own statement.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase, dropDatabase } from "../lib/server/db/admin";
import { applyMigrations } from "../lib/server/db/migrate";
import { env } from "../lib/server/env";
import { PostgresObjectStore } from "../lib/server/store/postgres-object-store";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1,8,32" },
    creates: { type: "string", default: "4000" },
    clusters: { type: "string", default: "1" },
    watchers: { type: "string", default: "0" },
    batch: { type: "string", default: "64" },
    "in-flight": { type: "string", default: "1" },
  },
});
const clientCounts = values.clients.split(",").map(Number);
const creates = Number(values.creates);
const clusters = Number(values.clusters);
const watchers = Number(values.watchers);
const writeBatch = { maxBatch: Number(values.batch), maxInFlight: Number(values["in-flight"]) };

async function run(url: string, clients: number, synchronousCommit: boolean, tag: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: clients + 2 });
  const store = new PostgresObjectStore({ pool, synchronousCommit, writeBatch });
  const controller = new AbortController();
  const watching = Array.from({ length: watchers }, async (_, i) => {
    let seen = 0;
    for await (const _event of store.watch({ cluster: `c${i % clusters}`, group: "", resource: "configmaps" }, "0", controller.signal)) seen++;
    return seen;
  });
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < creates; i = next++) {
          const name = `${tag}-${i}`;
          const key = { cluster: `c${i % clusters}`, group: "", resource: "configmaps", namespace: "bench", name };
          await store.create(key, {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name, namespace: "bench", uid: randomBytes(16).toString("hex"), labels: { app: "bench" } },
            data: { "index.html": "<h1>hello</h1>".repeat(20) },
          });
        }
      }),
    );
    return creates / ((performance.now() - started) / 1000);
  } finally {
    controller.abort();
    await Promise.all(watching);
    await store.close();
    await pool.end();
  }
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? NaN;

const url = new URL(env().DATABASE_URL);
url.pathname = `/kubeclass_bench_${randomBytes(6).toString("hex")}`;
const database = url.toString();
await createDatabase(database);
try {
  await applyMigrations({ connectionString: database });
  console.log(`${creates} creates per run, ${clusters} cluster(s), ${watchers} watcher(s), batches of ≤ ${writeBatch.maxBatch}, ${writeBatch.maxInFlight} in flight per cluster; median of 3 runs`);
  console.log("clients  sync_commit=off  sync_commit=on");
  for (const clients of clientCounts) {
    const results: Record<string, number> = {};
    for (const synchronousCommit of [false, true]) {
      const runs: number[] = [];
      for (let r = 0; r < 3; r++) runs.push(await run(database, clients, synchronousCommit, `${clients}-${synchronousCommit}-${r}`));
      results[synchronousCommit ? "on" : "off"] = median(runs);
    }
    console.log(`${String(clients).padStart(7)}  ${results.off?.toFixed(0).padStart(13)}/s  ${results.on?.toFixed(0).padStart(12)}/s`);
  }
} finally {
  await dropDatabase(database);
}

import { Redis } from "ioredis";
import { withClient } from "../../lib/server/db/admin";

/** Cumulative counters of the work behind the pods: Postgres transactions and rows per table, Redis commands. */
export type TrafficSnapshot = { transactions: number; rows: Map<string, number>; redisCommands: number };

/**
 * Reads the counters now. Postgres publishes a backend's statistics when it goes idle (at most once a second),
 * so take the "after" snapshot a second or so after the work ends. Redis counts every client's commands
 * (the benchmark's queue traffic dominates on a quiet machine).
 */
export async function trafficSnapshot(databaseUrl: string, redisUrl: string): Promise<TrafficSnapshot> {
  const rows = new Map<string, number>();
  let transactions = 0;
  await withClient(databaseUrl, async (client) => {
    const db = await client.query<{ xact: string }>("SELECT xact_commit + xact_rollback AS xact FROM pg_stat_database WHERE datname = current_database()");
    transactions = Number(db.rows[0]?.xact ?? 0);
    const tables = await client.query<{ relname: string; ins: string; upd: string; del: string }>(
      "SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del FROM pg_stat_user_tables",
    );
    for (const t of tables.rows) {
      rows.set(`${t.relname} ins`, Number(t.ins));
      rows.set(`${t.relname} upd`, Number(t.upd));
      rows.set(`${t.relname} del`, Number(t.del));
    }
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    const stats = await redis.info("commandstats");
    const redisCommands = [...stats.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return { transactions, rows, redisCommands };
  } finally {
    redis.disconnect();
  }
}

/** "per pod: 5.1 transactions, 9.3 Redis commands, rows cluster_objects ins 1.0 upd 2.0 …" for `pods` pods. */
export function trafficPerPod(before: TrafficSnapshot, after: TrafficSnapshot, pods: number): string {
  const per = (n: number) => (n / Math.max(pods, 1)).toFixed(1);
  const rows = [...after.rows]
    .map(([name, n]) => [name, n - (before.rows.get(name) ?? 0)] as const)
    .filter(([, n]) => n / Math.max(pods, 1) >= 0.05)
    .map(([name, n]) => `${name} ${per(n)}`);
  return `${per(after.transactions - before.transactions)} Postgres transactions, ${per(after.redisCommands - before.redisCommands)} Redis commands; rows: ${rows.join(", ") || "none"}`;
}

/**
 * Exits 0 when Postgres and Redis answer at DATABASE_URL / REDIS_URL; otherwise prints one line per service
 * that does not (what, where, why, how to start it) and exits 1.
 */
import pg from "pg";
import { Redis } from "ioredis";
import { env } from "@/lib/server/env";
import { unreachableMessage } from "@/lib/server/unreachable";

const { DATABASE_URL, REDIS_URL } = env();

// Check the server, not the app's database: the test run creates its own throwaway databases.
async function checkPostgres(): Promise<string | undefined> {
  const url = new URL(DATABASE_URL);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return unreachableMessage("Postgres", DATABASE_URL, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    const policy = (await client.config("GET", "maxmemory-policy")) as string[];
    if (policy[1] && policy[1] !== "noeviction") {
      console.warn(`warning: Redis maxmemory-policy is ${policy[1]}; BullMQ needs noeviction or jobs may vanish`);
    }
    return undefined;
  } catch (error) {
    return unreachableMessage("Redis", REDIS_URL, error);
  } finally {
    client.disconnect();
  }
}

const problems = (await Promise.all([checkPostgres(), checkRedis()])).filter((p) => p !== undefined);
for (const problem of problems) console.error(`kubeclass: ${problem}`);
process.exit(problems.length === 0 ? 0 : 1);

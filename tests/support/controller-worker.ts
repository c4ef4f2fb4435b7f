import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { spawnEntry, type Spawned } from "./processes";

export type TestWorker = { process: Spawned; prefix: string; stop(): Promise<void> };

/**
 * A real worker process running the controllers against a test API server's database, with realism delays at
 * zero and its own Redis key prefix (removed on stop).
 */
export function startControllerWorker(databaseUrl: string, extraEnv: Record<string, string> = {}): TestWorker {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `kubeclass-ctl-${randomUUID().slice(0, 8)}`;
  const spawned = spawnEntry("worker/main.ts", {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SIMULATION: "instant",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...extraEnv,
  });
  return {
    process: spawned,
    prefix,
    async stop() {
      await spawned.stop("SIGTERM");
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== "0");
      redis.disconnect();
    },
  };
}

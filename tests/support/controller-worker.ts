import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { spawnEntry, type Spawned } from "./processes";

export type TestWorker = {
  /** The current process (a new one after restart). */
  process: Spawned;
  prefix: string;
  /** Ends the process with `signal` (SIGKILL: a crash) and starts a new one on the same database and prefix. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
};

/**
 * A real worker process running the controllers against a test API server's database, with realism delays at
 * zero and its own Redis key prefix (removed on stop). `nodeArgs` go to node itself (e.g. --cpu-prof, which
 * NODE_OPTIONS does not allow).
 */
export function startControllerWorker(databaseUrl: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): TestWorker {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `kubeclass-ctl-${randomUUID().slice(0, 8)}`;
  const spawn = () =>
    // A benchmark run through bench/run-bundled.mjs measures the bundled worker, as production runs it.
    spawnEntry(process.env.KUBECLASS_WORKER_BUNDLE ?? "worker/main.ts", {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      SIMULATION: "instant",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...extraEnv,
    }, nodeArgs);
  const worker: TestWorker = {
    process: spawn(),
    prefix,
    async restart(signal = "SIGKILL") {
      await worker.process.stop(signal);
      worker.process = spawn();
    },
    async stop() {
      await worker.process.stop("SIGTERM");
      // The Redis server itself, not extraEnv's REDIS_URL (which may be a relay that is closed by now).
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
  return worker;
}

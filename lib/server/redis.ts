import { Redis, type RedisOptions } from "ioredis";
import { env } from "./env";
import { logger } from "./logger";
import { unreachableMessage } from "./unreachable";

export type RedisRole =
  /** Answers now or fails now: health checks and request paths must not hang while Redis is away. */
  | "fail-fast"
  /** Waits out an outage: BullMQ workers and blocking readers (BullMQ requires maxRetriesPerRequest null). */
  | "patient";

const roleOptions: Record<RedisRole, RedisOptions> = {
  "fail-fast": { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  patient: { enableOfflineQueue: true, maxRetriesPerRequest: null },
};

/**
 * A Redis connection that reconnects forever (capped backoff) and logs an outage once, when it starts and
 * when it ends, instead of once per retry.
 */
export function createRedis(name: string, role: RedisRole, url = env().REDIS_URL): Redis {
  const log = logger(`redis:${name}`);
  const client = new Redis(url, {
    ...roleOptions[role],
    connectionName: `kubeclass:${name}`,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    log.error(unreachableMessage("Redis", url, error));
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    log.info("Redis connection restored");
  });
  return client;
}

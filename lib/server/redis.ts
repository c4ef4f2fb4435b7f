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

type ConnectionState = {
  /** Settles after the first connection attempt, whichever way it went. */
  firstAttempt: Promise<void>;
  /** Why the connection is down, while it is. */
  lastError?: unknown;
};

// Kept on the client itself, not in a module-level map: Next's bundles and server.ts each load their own copy
// of this module but share clients through globalThis.
const stateKey = Symbol.for("kubeclass.redis.connectionState");
type WithState = Redis & { [stateKey]?: ConnectionState };

/** What is known about a connection made by createRedis: used to wait out start-up and to explain outages. */
export function connectionState(client: Redis): ConnectionState {
  return (client as WithState)[stateKey] ?? { firstAttempt: Promise.resolve() };
}

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
  let settleFirstAttempt = () => {};
  const state: ConnectionState = { firstAttempt: new Promise((resolve) => (settleFirstAttempt = resolve)) };
  (client as WithState)[stateKey] = state;
  client.on("error", (error: unknown) => {
    state.lastError = error;
    settleFirstAttempt();
    if (down) return;
    down = true;
    log.error(unreachableMessage("Redis", url, error));
  });
  client.on("ready", () => {
    state.lastError = undefined;
    settleFirstAttempt();
    if (!down) return;
    down = false;
    log.info("Redis connection restored");
  });
  return client;
}

import type { Logger } from "pino";
import { checkHealth } from "./health/check-health";
import { env } from "./env";
import { unreachableMessage } from "./unreachable";

/** At start, one clear line per backing service that cannot be reached, naming its URL and the fix. */
export async function reportUnreachableServices(log: Logger): Promise<void> {
  const { parts } = await checkHealth();
  if (parts.postgres.status === "down") {
    log.error(unreachableMessage("Postgres", env().DATABASE_URL, new Error(parts.postgres.detail)));
  }
  if (parts.redis.status === "down") {
    log.error(unreachableMessage("Redis", env().REDIS_URL, new Error(parts.redis.detail)));
  }
}

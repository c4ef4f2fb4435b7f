import type { Logger } from "pino";
import { checkHealth } from "./health/check-health";
import { env } from "./env";
import { unreachableMessage } from "./unreachable";

/**
 * At start, one clear line per backing service that cannot be reached, naming its URL and the fix. Redis
 * connections announce their own outages (lib/server/redis.ts), so only Postgres is reported here.
 */
export async function reportUnreachableServices(log: Logger): Promise<void> {
  const { parts } = await checkHealth();
  if (parts.postgres.status === "down") {
    log.error(unreachableMessage("Postgres", env().DATABASE_URL, new Error(parts.postgres.detail)));
  }
}

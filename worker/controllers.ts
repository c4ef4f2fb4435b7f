import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { allControllers } from "@/lib/cluster/controllers/all-controllers";
import { instantSimulation, realisticSimulation } from "@/lib/cluster/controllers/runtime/simulation-config";
import { startControllerManager, type ControllerManager } from "@/lib/server/controllers/start-controllers";
import { pool } from "@/lib/server/db/pool";
import { env } from "@/lib/server/env";

/**
 * Starts the cluster's controllers once Postgres answers (the worker's ping queue works without it), retrying
 * with a capped backoff. Resolves a handle whose stop() is safe at any moment, even before they started.
 */
export function startControllersWhenReady(redis: Redis, log: Logger): { stop(): Promise<void> } {
  const config = env();
  let manager: ControllerManager | undefined;
  let stopped = false;
  const run = async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        manager = await startControllerManager({
          pool: pool(),
          redis,
          prefix: config.QUEUE_PREFIX,
          controllers: allControllers,
          config: { ...(config.SIMULATION === "instant" ? instantSimulation : realisticSimulation), nodeHeartbeatMs: config.NODE_HEARTBEAT_MS },
          log,
        });
        if (stopped) await manager.close();
        return;
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : error, attempt }, "controllers could not start; retrying");
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 15_000)).unref());
      }
    }
  };
  const running = config.CONTROLLERS === "off" ? Promise.resolve() : run();
  return {
    async stop() {
      stopped = true;
      await running;
      await manager?.close();
    },
  };
}

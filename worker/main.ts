import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/lib/server/env";
import { publishHeartbeat, withdrawHeartbeat } from "@/lib/server/health/heartbeat-store";
import { logger } from "@/lib/server/logger";
import { createRedis } from "@/lib/server/redis";
import { startControllersWhenReady } from "./controllers";
import { startWorkers } from "./start-workers";

const log = logger("worker");
const config = env();
const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const startedAt = Date.now();
const connection = createRedis("worker", "patient");
const workers = startWorkers(connection, { workerId, now: Date.now });
const queues = workers.map((w) => w.name);
// Blocking commands (BullMQ workers) get their own connection; the controllers' queue and marks share one.
const controllers = startControllersWhenReady(createRedis("controllers", "patient"), log);

async function beat(): Promise<void> {
  try {
    await publishHeartbeat(connection, {
      id: workerId,
      pid: process.pid,
      hostname: hostname(),
      startedAt,
      beatAt: Date.now(),
      queues,
    });
  } catch {
    // Redis is away; the connection logs the outage once and the next beat tries again.
  }
}

void beat();
const heartbeat = setInterval(() => void beat(), config.WORKER_HEARTBEAT_MS);
log.info({ workerId, queues, prefix: config.QUEUE_PREFIX }, "worker started");

let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log.warn(`${signal} again: exiting without waiting for running jobs`);
    process.exit(1);
  }
  stopping = true;
  log.info(`${signal}: finishing running jobs, then stopping`);
  clearInterval(heartbeat);
  // Running jobs finish; anything still locked after a hard kill is picked up again by BullMQ's stall check.
  await Promise.all([...workers.map((w) => w.close()), controllers.stop()]);
  await Promise.race([withdrawHeartbeat(connection, workerId), sleep(1000)]).catch(() => undefined);
  connection.disconnect();
  log.info("worker stopped");
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

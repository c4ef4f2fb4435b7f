import type { Redis } from "ioredis";
import { describeDatabaseError } from "../db/connection-error";
import { prisma } from "../db/prisma";
import { connectionState, createRedis } from "../redis";
import { describeCause } from "../unreachable";
import { readWorkerLiveness } from "./heartbeat-store";
import { buildReport, type HealthReport, type PartHealth } from "@/lib/platform/health-report";

const CHECK_TIMEOUT_MS = 2000;

const shared = globalThis as typeof globalThis & { __kubeclassHealthRedis?: Redis };

// A fail-fast connection of its own: while Redis is away, a check answers "down" at once instead of queueing.
function healthRedis(): Redis {
  shared.__kubeclassHealthRedis ??= createRedis("health", "fail-fast");
  return shared.__kubeclassHealthRedis;
}

export async function checkHealth(now: () => Date = () => new Date()): Promise<HealthReport> {
  const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);
  const worker = redis.status === "up" ? await checkWorker(now()) : workerUnknown;
  return buildReport({ postgres, redis, worker }, now());
}

async function checkPostgres(): Promise<PartHealth> {
  return timed(
    async () => {
      await prisma().$queryRaw`SELECT 1`;
      return "accepting queries";
    },
    (error) => describeDatabaseError(error),
  );
}

async function checkRedis(): Promise<PartHealth> {
  const client = healthRedis();
  const state = connectionState(client);
  // Right after start the connection may still be opening: wait for that first attempt, not for recovery.
  await withTimeout(state.firstAttempt).catch(() => undefined);
  const result = await timed(async () => {
    await client.ping();
    return "answering PING";
  });
  // "Stream isn't writeable" says nothing to an operator; the connection's own error says why.
  if (result.status === "down" && state.lastError) return { ...result, detail: describeCause(state.lastError) };
  return result;
}

const workerUnknown: PartHealth = {
  status: "unknown",
  detail: "cannot tell: workers report their heartbeat through Redis, which is down",
};

async function checkWorker(now: Date): Promise<PartHealth> {
  try {
    const { alive, stale } = await withTimeout(readWorkerLiveness(healthRedis(), now.getTime()));
    if (alive.length > 0) {
      const newest = Math.max(...alive.map((b) => b.beatAt));
      return { status: "up", detail: `${alive.length} alive, last heartbeat ${now.getTime() - newest} ms ago` };
    }
    return {
      status: "down",
      detail: stale.length > 0 ? `no heartbeat for ${secondsSince(stale, now)} s` : "no worker has ever reported",
    };
  } catch (error) {
    return { status: "unknown", detail: `cannot read heartbeats: ${describeCause(error)}` };
  }
}

function secondsSince(beats: { beatAt: number }[], now: Date): number {
  return Math.round((now.getTime() - Math.max(...beats.map((b) => b.beatAt))) / 1000);
}

async function timed(
  probe: () => Promise<string>,
  explain: (error: unknown) => string | undefined = () => undefined,
): Promise<PartHealth> {
  const started = performance.now();
  try {
    const detail = await withTimeout(probe());
    return { status: "up", detail, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", detail: explain(error) ?? describeCause(error) };
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

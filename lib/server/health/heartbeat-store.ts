import type { Redis } from "ioredis";
import { env } from "../env";
import { classifyHeartbeats, type Heartbeat, type WorkerLiveness } from "@/lib/platform/heartbeat";

// One hash for all workers: readers need one HGETALL, not a SCAN over keys.
const key = () => `${env().QUEUE_PREFIX}:workers`;

export async function publishHeartbeat(redis: Redis, beat: Heartbeat): Promise<void> {
  await redis.hset(key(), beat.id, JSON.stringify(beat));
}

export async function withdrawHeartbeat(redis: Redis, workerId: string): Promise<void> {
  await redis.hdel(key(), workerId);
}

/** Reads every heartbeat and forgets workers long dead, so the hash does not grow with every restart. */
export async function readWorkerLiveness(redis: Redis, now: number): Promise<WorkerLiveness> {
  const staleMs = env().WORKER_STALE_MS;
  const liveness = classifyHeartbeats(await redis.hgetall(key()), now, staleMs);
  const forgettable = [
    ...liveness.stale.filter((b) => now - b.beatAt > staleMs * 30).map((b) => b.id),
    ...liveness.unreadable,
  ];
  if (forgettable.length > 0) await redis.hdel(key(), ...forgettable);
  return liveness;
}

import type { Redis } from "ioredis";
import type { WrittenRevisions } from "@/lib/cluster/controllers/runtime/controller-client";
import type { ExpectationStore } from "@/lib/cluster/controllers/runtime/run-pass";

/** Written revisions per (controller, key) in Redis, so any worker process's next pass can wait for them. */
export function redisExpectations(redis: Redis, prefix: string): ExpectationStore {
  const keyOf = (controller: string, key: string) => `${prefix}:controller-expect:${controller}:${key}`;
  return {
    async get(controller, key) {
      const raw = await redis.get(keyOf(controller, key));
      return raw ? (JSON.parse(raw) as WrittenRevisions) : undefined;
    },
    async set(controller, key, revisions) {
      // Caches catch up in milliseconds; a minute is ample and keeps Redis from collecting stale keys.
      await redis.set(keyOf(controller, key), JSON.stringify(revisions), "EX", 60);
    },
  };
}

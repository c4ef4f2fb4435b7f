/** Deletes every Redis key under a prefix (used by `npm test` to leave nothing of its run behind). */
import { Redis } from "ioredis";
import { env } from "@/lib/server/env";

const prefix = process.argv[2];
if (!prefix || !/^[a-zA-Z0-9:_-]+$/.test(prefix)) {
  console.error("usage: tsx scripts/redis-clear-prefix.ts <prefix>");
  process.exit(2);
}
const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, retryStrategy: () => null });
let deleted = 0;
for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
  const batch = keys as string[];
  if (batch.length > 0) deleted += await redis.unlink(...batch);
}
redis.disconnect();
console.log(`removed ${deleted} keys under ${prefix}:`);

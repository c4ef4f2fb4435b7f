import { randomUUID } from "node:crypto";
import { Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { BullmqWorkQueue, controllerQueueName } from "@/lib/server/controllers/bullmq-work-queue";

// The work queue folds repeated adds of one key into one (bullmq-work-queue.ts). What must survive that: a
// change seen while another process's pass of the key is already running still leads to another pass.

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("BullMQ work queue", () => {
  it("adds a key again after its window when the change was noted while another process ran the key", async () => {
    const prefix = `kubeclass-wq-${randomUUID().slice(0, 8)}`;
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    // A window long enough that the second add below surely falls inside it.
    const queue = new BullmqWorkQueue(
      redis,
      prefix,
      (error) => {
        throw error;
      },
      1_000,
    );
    cleanup.push(async () => {
      await queue.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    // "Another process": a worker with start-controllers.ts's protocol (clear the dirty mark as the pass starts,
    // add the key again if it was marked meanwhile) that never tells this queue its passes started.
    const passes: string[] = [];
    let release = () => {};
    const firstPassHeld = new Promise<void>((resolve) => (release = resolve));
    const other = new Worker(
      controllerQueueName("demo"),
      async (job: Job<{ key: string }>) => {
        await redis.del(queue.dirtyKey("demo", job.data.key));
        passes.push(job.data.key);
        if (passes.length === 1) await firstPassHeld;
      },
      { connection: redis.duplicate(), prefix },
    );
    other.on("completed", (job: Job<{ key: string }>) => {
      void redis.exists(queue.dirtyKey("demo", job.data.key)).then((dirty) => (dirty ? queue.addNow("demo", job.data.key) : undefined));
    });
    cleanup.push(() => other.close());

    queue.add("demo", "ns/web");
    await until(() => passes.length === 1);
    // The change arrives mid-pass, inside the key's window: only noted now, sent when the window ends.
    queue.add("demo", "ns/web");
    release();
    await until(() => passes.length === 2);
    expect(passes).toEqual(["ns/web", "ns/web"]);
  });
});

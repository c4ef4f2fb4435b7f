import { randomUUID } from "node:crypto";
import { QueueEvents, Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyHeartbeats } from "@/lib/platform/heartbeat";
import { jobContracts } from "@/lib/server/queue/jobs";
import { spawnEntry, waitFor, type Spawned } from "../support/processes";

// Real Redis, a real worker process: a job goes web → Redis → worker → Redis → back, as in production.
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `kubeclass-it-${randomUUID().slice(0, 8)}`;

describe("worker process over BullMQ on real Redis", () => {
  let redis: Redis;
  let worker: Spawned;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    worker = spawnEntry("worker/main.ts", { QUEUE_PREFIX: prefix, REDIS_URL: redisUrl, WORKER_HEARTBEAT_MS: "200", CONTROLLERS: "off" });
    queue = new Queue("ping", { connection: redis, prefix });
    events = new QueueEvents("ping", { connection: redis.duplicate(), prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await worker.stop("SIGKILL");
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    const leftovers = await redis.keys(`${prefix}:*`);
    if (leftovers.length > 0) await redis.del(...leftovers);
    redis.disconnect();
  });

  it("publishes a heartbeat naming the queues it consumes", async () => {
    const beat = await waitFor(async () => {
      const { alive } = classifyHeartbeats(await redis.hgetall(`${prefix}:workers`), Date.now(), 5000);
      return alive[0];
    }, "the worker's first heartbeat");
    expect(beat.pid).toBe(worker.child.pid);
    expect(beat.queues).toEqual(["ping"]);
  });

  it("answers a ping job with the nonce it was sent and who it is", async () => {
    const nonce = randomUUID();
    const job = await queue.add("ping", { nonce, sentAt: Date.now() });
    const result = jobContracts.ping.result.parse(await job.waitUntilFinished(events, 15_000));
    expect(result.nonce).toBe(nonce);
    expect(result.pid).toBe(worker.child.pid);
    expect(result.pid).not.toBe(process.pid);
  });

  it("fails a malformed job for good instead of retrying it", async () => {
    const job = await queue.add("ping", { nonce: "" }, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/invalid ping job data/);
    const stored = await queue.getJob(job.id!);
    expect(stored?.attemptsMade).toBe(1);
  });

  it("stops cleanly on SIGTERM and withdraws its heartbeat", async () => {
    const code = await worker.stop("SIGTERM");
    expect(code, worker.output()).toBe(0);
    expect(await redis.hlen(`${prefix}:workers`)).toBe(0);
  });
});

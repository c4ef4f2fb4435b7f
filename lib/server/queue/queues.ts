import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "../env";
import { createRedis } from "../redis";
import type { QueueName } from "./names";

const shared = globalThis as typeof globalThis & {
  __kubeclassQueues?: Map<QueueName, Queue>;
  __kubeclassQueueRedis?: Redis;
};

/**
 * A producer handle for a queue, cached per process. Producers use a fail-fast connection: a request that
 * enqueues while Redis is down gets an error now rather than hanging until Redis returns.
 */
export function getQueue(name: QueueName): Queue {
  shared.__kubeclassQueues ??= new Map();
  let queue = shared.__kubeclassQueues.get(name);
  if (!queue) {
    shared.__kubeclassQueueRedis ??= createRedis("queue-producer", "fail-fast");
    queue = new Queue(name, { connection: shared.__kubeclassQueueRedis, prefix: env().QUEUE_PREFIX });
    shared.__kubeclassQueues.set(name, queue);
  }
  return queue;
}

/** Completion events for callers that wait on a job's result; the caller closes it. */
export function openQueueEvents(name: QueueName): QueueEvents {
  return new QueueEvents(name, { connection: createRedis(`events:${name}`, "patient"), prefix: env().QUEUE_PREFIX });
}

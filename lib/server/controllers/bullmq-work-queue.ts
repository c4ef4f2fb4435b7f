import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkQueue } from "@/lib/cluster/controllers/runtime/work-queue";

/** BullMQ job ids may not contain ':' (its key separator); cluster keys never do, but be safe. */
const jobIdOf = (key: string) => key.replaceAll(":", "%3A");

export const controllerQueueName = (controller: string) => `controller-${controller}`;

/**
 * The work queue on BullMQ, shared by every worker process. A key is one job id, so a key waits at most once;
 * a change that arrives while its key is being reconciled sets a "dirty" mark, and the worker adds the key
 * again when that pass completes (BullMQ ignores adding an id that is still active). Timers are separate jobs
 * ("timer") that only add the key when due, so they never run a pass alongside another pass of the same key.
 */
export class BullmqWorkQueue implements WorkQueue {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  queue(controller: string): Queue {
    let queue = this.queues.get(controller);
    if (!queue) {
      queue = new Queue(controllerQueueName(controller), { connection: this.connection, prefix: this.prefix });
      this.queues.set(controller, queue);
    }
    return queue;
  }

  dirtyKey(controller: string, key: string): string {
    return `${this.prefix}:controller-dirty:${controller}:${key}`;
  }

  add(controller: string, key: string): void {
    void this.addNow(controller, key).catch(this.onError);
  }

  async addNow(controller: string, key: string): Promise<void> {
    await Promise.all([
      this.connection.set(this.dirtyKey(controller, key), "1", "EX", 3600),
      this.queue(controller).add("reconcile", { key }, { jobId: jobIdOf(key), removeOnComplete: true, removeOnFail: true }),
    ]);
  }

  addAfter(controller: string, key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(controller, key);
    // One timer per key and due second: an earlier timer is never replaced by a later one.
    const dueSecond = Math.ceil((Date.now() + delayMs) / 1000);
    void this.queue(controller)
      .add("timer", { key }, { jobId: `t|${jobIdOf(key)}|${dueSecond}`, delay: delayMs, removeOnComplete: true, removeOnFail: true })
      .catch(this.onError);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

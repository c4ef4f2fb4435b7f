import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkQueue } from "@/lib/cluster/controllers/runtime/work-queue";

/** BullMQ job ids may not contain ':' (its key separator); cluster keys never do, but be safe. */
const jobIdOf = (key: string) => key.replaceAll(":", "%3A");

export const controllerQueueName = (controller: string) => `controller-${controller}`;

/** How long repeated adds of one key are folded into one (see BullmqWorkQueue.add). */
const COALESCE_MS = 50;

/**
 * The work queue on BullMQ, shared by every worker process. A key is one job id, so a key waits at most once;
 * a change that arrives while its key is being reconciled sets a "dirty" mark, and the worker adds the key
 * again when that pass completes (BullMQ ignores adding an id that is still active). Timers are separate jobs
 * ("timer") that only add the key when due, so they never run a pass alongside another pass of the same key.
 */
export class BullmqWorkQueue implements WorkQueue {
  private readonly queues = new Map<string, Queue>();
  /** Keys this process added in the last COALESCE_MS whose pass has not started here since (see add). */
  private readonly recent = new Map<string, { again: boolean; timer: NodeJS.Timeout }>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void,
    private readonly coalesceMs = COALESCE_MS,
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

  /**
   * A busy key (a node's kubelet, the scheduler) changes hundreds of times a second, and each add is two Redis
   * round trips that find the job already waiting. So an add within `coalesceMs` of the previous one for the
   * same key only notes that another is due, and that one is sent when the window ends — unless the key's pass
   * starts in this process first (`started`): it reads a cache that already holds every change noted so far.
   * A pass that starts in another process (whose cache may lag) is followed by the noted add, so no change
   * is ever dropped; it may only wait up to `coalesceMs` longer.
   */
  add(controller: string, key: string): void {
    const id = `${controller}\u0000${key}`;
    const recent = this.recent.get(id);
    if (recent) {
      recent.again = true;
      return;
    }
    const entry = {
      again: false,
      timer: setTimeout(() => {
        this.recent.delete(id);
        if (entry.again) this.add(controller, key);
      }, this.coalesceMs),
    };
    this.recent.set(id, entry);
    void this.addNow(controller, key).catch(this.onError);
  }

  /** A pass of the key starts in this process: adds noted until now need not be sent. */
  started(controller: string, key: string): void {
    const id = `${controller}\u0000${key}`;
    const recent = this.recent.get(id);
    if (!recent) return;
    clearTimeout(recent.timer);
    this.recent.delete(id);
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
    for (const { timer } of this.recent.values()) clearTimeout(timer);
    this.recent.clear();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

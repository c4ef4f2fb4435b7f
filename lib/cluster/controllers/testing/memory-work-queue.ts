import type { ManualClock } from "../../clock";
import type { WorkQueue } from "../runtime/work-queue";

type Item = { controller: string; key: string };

/** A deterministic work queue for tests: FIFO, deduplicated, timers on a manual clock. */
export class MemoryWorkQueue implements WorkQueue {
  private readonly ready = new Map<string, Item>();
  private readonly timers = new Map<string, Item & { due: number }>();

  constructor(private readonly clock: ManualClock) {}

  add(controller: string, key: string): void {
    const id = `${controller}\u0000${key}`;
    if (!this.ready.has(id)) this.ready.set(id, { controller, key });
  }

  addAfter(controller: string, key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(controller, key);
    const id = `${controller}\u0000${key}`;
    const due = this.clock.now().getTime() + delayMs;
    const existing = this.timers.get(id);
    if (!existing || existing.due > due) this.timers.set(id, { controller, key, due });
  }

  /** Takes the next ready item, first moving timers that are due onto the ready list. */
  take(): Item | undefined {
    const now = this.clock.now().getTime();
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].due - b[1].due)) {
      if (timer.due > now) break;
      this.timers.delete(id);
      this.add(timer.controller, timer.key);
    }
    const first = this.ready.entries().next();
    if (first.done) return undefined;
    this.ready.delete(first.value[0]);
    return first.value[1];
  }

  /** When the earliest timer is due, or undefined if none is pending. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const timer of this.timers.values()) if (next === undefined || timer.due < next) next = timer.due;
    return next;
  }

  get pending(): number {
    return this.ready.size;
  }
}

import { SlowWatcherError } from "./errors";
import type { WatchEvent } from "./object-store";

/** Receives one watch's live changes from a store's change feed. */
export interface WatchSink {
  push(event: WatchEvent, revision: number): void;
  /** Ends the watch with an error (e.g. the feed fell out of the history window). */
  fail(error: unknown): void;
  /** Ends the watch quietly (the store is closing). */
  end(): void;
}

/** Where one watch's changes come from: the change log to catch up, then live pushes. */
export interface WatchSource {
  /**
   * Starts pushing the query's live changes to `sink`. Once it resolves, every change not pushed from then on is
   * visible to replay(): nothing can fall between the two. Resolves to the unsubscribe function.
   */
  subscribe(sink: WatchSink): Promise<() => void>;
  /** Up to `limit` of the query's changes after `after`, oldest first; ExpiredError if `after` left the window. */
  replay(after: number, limit: number): Promise<WatchEvent[]>;
}

export type WatchStreamOptions = {
  /** Live events a watcher may have unread before it is ended with SlowWatcherError. */
  bufferSize: number;
  /** Changes read from the log per replay query. */
  pageSize: number;
};

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const CLOSED = Symbol("closed");

/**
 * One watch: subscribes, replays the log from the start revision (a page at a time, as the consumer reads),
 * then hands over to live events without a gap or a repeat. Memory is bounded: replay reads only when the
 * consumer has caught up; live events that pile up during replay are dropped and re-read from the log; a
 * consumer that falls `bufferSize` behind live changes is ended with SlowWatcherError. Aborting the signal (or
 * breaking out of `for await`) ends it at once and unsubscribes.
 */
export class WatchStream implements AsyncIterableIterator<WatchEvent>, WatchSink {
  private readonly queue = new Fifo<WatchEvent>();
  private pendingLive: WatchEvent[] = [];
  private pendingOverflowed = false;
  private phase: "new" | "replay" | "live" | "closed" = "new";
  private failure: { error: unknown } | undefined;
  private last: number;
  private unsubscribe: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private readonly closed: Promise<typeof CLOSED>;
  private markClosed!: () => void;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: WatchSource,
    from: number,
    private readonly signal: AbortSignal,
    private readonly options: WatchStreamOptions,
  ) {
    this.last = from;
    this.closed = new Promise((resolve) => (this.markClosed = () => resolve(CLOSED)));
    if (signal.aborted) this.close();
    else signal.addEventListener("abort", this.onAbort);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    // One reader at a time, in call order; `for await` never overlaps calls, but the protocol allows it.
    const result = this.turn.then(() => this.advance());
    this.turn = result.catch(() => undefined);
    return result;
  }

  return(): Promise<IteratorResult<WatchEvent>> {
    this.close();
    return Promise.resolve(DONE);
  }

  push(event: WatchEvent, revision: number): void {
    if (this.phase === "closed" || this.failure) return;
    if (this.phase !== "live") {
      // Still replaying: hold live events for the hand-over. Too many means the log is the cheaper copy.
      if (this.pendingLive.length >= this.options.bufferSize) {
        this.pendingLive = [];
        this.pendingOverflowed = true;
      }
      this.pendingLive.push(event);
      return;
    }
    if (revision <= this.last) return;
    this.queue.push(event);
    this.last = revision;
    if (this.queue.length > this.options.bufferSize) {
      this.fail(
        new SlowWatcherError(
          `watch fell more than ${this.options.bufferSize} changes behind; watch again from the last revision received`,
        ),
      );
      return;
    }
    this.wake?.();
  }

  fail(error: unknown): void {
    if (this.phase === "closed" || this.failure) return;
    this.failure = { error };
    this.queue.clear();
    this.pendingLive = [];
    this.release();
  }

  end(): void {
    this.close();
  }

  private async advance(): Promise<IteratorResult<WatchEvent>> {
    for (;;) {
      if (this.queue.length > 0) return { done: false, value: this.queue.shift() as WatchEvent };
      if (this.failure) {
        const { error } = this.failure;
        this.failure = undefined;
        this.phase = "closed";
        throw error;
      }
      switch (this.phase) {
        case "closed":
          return DONE;
        case "new":
          await this.start();
          break;
        case "replay":
          await this.replayPage();
          break;
        case "live":
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
      }
    }
  }

  private async start(): Promise<void> {
    this.phase = "replay";
    const subscribed = this.source.subscribe(this);
    subscribed.then(
      (unsubscribe) => (this.phase === "closed" || this.failure ? unsubscribe() : (this.unsubscribe = unsubscribe)),
      () => undefined,
    );
    try {
      await Promise.race([subscribed, this.closed]);
    } catch (error) {
      this.fail(error);
    }
  }

  private async replayPage(): Promise<void> {
    let events: WatchEvent[] | typeof CLOSED;
    try {
      events = await Promise.race([this.source.replay(this.last, this.options.pageSize), this.closed]);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (events === CLOSED || this.phase !== "replay") return;
    this.enqueue(events);
    if (events.length >= this.options.pageSize) return;
    if (this.pendingOverflowed) {
      // Live events were dropped while replaying; they are all in the log by now, so read on from it.
      this.pendingOverflowed = false;
      this.pendingLive = [];
      return;
    }
    this.enqueue(this.pendingLive);
    this.pendingLive = [];
    this.phase = "live";
  }

  private enqueue(events: WatchEvent[]): void {
    for (const event of events) {
      const revision = Number(event.revision);
      if (revision <= this.last) continue;
      this.queue.push(event);
      this.last = revision;
    }
  }

  private readonly onAbort = () => this.close();

  private close(): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.failure = undefined;
    this.queue.clear();
    this.pendingLive = [];
    this.release();
  }

  private release(): void {
    this.signal.removeEventListener("abort", this.onAbort);
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    unsubscribe?.();
    this.markClosed();
    this.wake?.();
  }
}

/** A queue with O(1) shift. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

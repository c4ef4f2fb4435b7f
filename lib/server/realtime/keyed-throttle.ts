/**
 * Runs `work(key, seenAt)` for a key at most once per `intervalMs`: the first touch runs at once (a lone event is
 * delivered without delay), touches while it runs or within the interval after it coalesce into one more run at
 * the interval's end. `seenAt` is the latest time any coalesced touch carried. Never two runs of a key at once.
 */
export class KeyedThrottle {
  private readonly state = new Map<string, { running: boolean; dirty: boolean; lastRunAt: number; seenAt: Date; timer: NodeJS.Timeout | undefined }>();

  constructor(
    private readonly intervalMs: number,
    private readonly work: (key: string, seenAt: Date) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  touch(key: string, seenAt: Date): void {
    const s = this.state.get(key);
    if (!s) {
      this.state.set(key, { running: false, dirty: false, lastRunAt: -Infinity, seenAt, timer: undefined });
      this.run(key);
      return;
    }
    if (seenAt > s.seenAt) s.seenAt = seenAt;
    if (s.running || s.timer) {
      s.dirty = true;
      return;
    }
    const wait = s.lastRunAt + this.intervalMs - this.now();
    if (wait <= 0) this.run(key);
    else {
      s.dirty = true;
      s.timer = setTimeout(() => this.fire(key), wait);
    }
  }

  /** Forgets every key for which `drop` says so (e.g. a classroom nobody watches any more). */
  forget(drop: (key: string) => boolean): void {
    for (const [key, s] of this.state) {
      if (!drop(key)) continue;
      clearTimeout(s.timer);
      this.state.delete(key);
    }
  }

  stop(): void {
    this.forget(() => true);
  }

  get size(): number {
    return this.state.size;
  }

  private fire(key: string): void {
    const s = this.state.get(key);
    if (!s) return;
    s.timer = undefined;
    if (s.dirty) this.run(key);
  }

  private run(key: string): void {
    const s = this.state.get(key);
    if (!s) return;
    s.running = true;
    s.dirty = false;
    void this.work(key, s.seenAt).finally(() => {
      s.running = false;
      s.lastRunAt = this.now();
      if (s.dirty && this.state.get(key) === s) s.timer = setTimeout(() => this.fire(key), this.intervalMs);
    });
  }
}

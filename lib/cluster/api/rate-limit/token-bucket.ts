/** How fast a bucket refills (tokens per second) and how many tokens it holds at most. */
export type BucketSize = { perSecond: number; burst: number };

/**
 * A token bucket: it starts full, gains `perSecond` tokens continuously up to `burst`, and every request takes
 * one. A refused request takes nothing, so a client that ignores Retry-After still gets its sustained rate, no
 * more and no less. Time is passed in (milliseconds from any monotonic origin), never read here.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly size: BucketSize,
    now: number,
  ) {
    this.tokens = size.burst;
    this.at = now;
  }

  /**
   * Takes a token if there is one and returns 0; otherwise returns the milliseconds until there will be one.
   * (A number rather than an object: this runs on every API request.)
   */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.size.perSecond) * 1000;
  }

  /** Full again: the bucket is no different from a new one, so it can be forgotten. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.size.burst;
  }

  private refill(now: number): void {
    // An injected clock may step back; time that never passed gives no tokens.
    const elapsedMs = Math.max(0, now - this.at);
    this.tokens = Math.min(this.size.burst, this.tokens + (elapsedMs * this.size.perSecond) / 1000);
    this.at = Math.max(this.at, now);
  }
}

import type { UserInfo } from "../../auth/user-info";
import { limitTier } from "./limit-tier";
import { TokenBucket, type BucketSize } from "./token-bucket";

/**
 * A learner's default budget: 25 requests a second sustained, 100 at once.
 * - The burst covers the busiest thing a learner does by hand: `kubectl apply -f dir/` on a chapter's folder
 *   sends discovery (a handful of requests, or ~30 on a cold cache with old kubectl) and one or two requests per
 *   object, back to back; 100 plus the refill during the command covers 30–40 manifests without a single 429.
 * - The rate is five times the 5 requests/s that client-go (and kubectl before 1.27) imposes on itself, so
 *   neither old nor new kubectl, nor `get -w` (one list, one watch), nor a shell loop of kubectl calls gets near
 *   it; only a script hammering the API does. A watch or exec costs one request when it starts.
 * - Forty learners at their full rate (1,000/s) stay within what the server sustains for reads, and one learner
 *   alone can take only a small share of it.
 */
export const DEFAULT_LEARNER_BUDGET: BucketSize = { perSecond: 25, burst: 100 };

/** Instructors demo, grade and look across the whole class: four times a learner's rate and burst. */
export const INSTRUCTOR_FACTOR = 4;

/** Enough for a large installation's active users; an idle user's bucket is full and is dropped first. */
export const MAX_BUCKETS = 10_000;

export type RequestLimiterOptions = {
  /** Each learner's (and each service account's) budget. */
  learner: BucketSize;
  /** Instructors get this many times a learner's rate and burst. */
  instructorFactor?: number;
  /** The most buckets kept at once: bounds memory whatever the number of identities. */
  maxBuckets?: number;
  /** Milliseconds from any fixed origin (the server passes performance.now: monotonic). */
  now: () => number;
};

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const allowed: Admission = { allowed: true };

/**
 * Per-user request rate limits: one token bucket per username, for the callers `limitTier` says are limited.
 * Buckets are kept in least-recently-used order; a new user's arrival first drops buckets that have refilled
 * (indistinguishable from fresh ones), then, if `maxBuckets` is reached, the least recently used one.
 */
export class RequestLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly learner: BucketSize;
  private readonly instructor: BucketSize;
  private readonly maxBuckets: number;

  constructor(private readonly options: RequestLimiterOptions) {
    if (!(options.learner.perSecond > 0) || !(options.learner.burst >= 1)) {
      throw new Error(`a rate limit needs a positive rate and a burst of at least 1, not ${JSON.stringify(options.learner)}`);
    }
    const factor = options.instructorFactor ?? INSTRUCTOR_FACTOR;
    this.learner = options.learner;
    this.instructor = { perSecond: options.learner.perSecond * factor, burst: Math.round(options.learner.burst * factor) };
    this.maxBuckets = Math.max(1, options.maxBuckets ?? MAX_BUCKETS);
  }

  /** Counts one request by `user` (a watch or an exec counts once, when it starts). */
  admit(user: UserInfo): Admission {
    const tier = limitTier(user);
    if (!tier) return allowed;
    const size = tier === "instructor" ? this.instructor : this.learner;
    const now = this.options.now();
    let bucket = this.buckets.get(user.username);
    if (bucket) {
      // Re-inserting moves the user to the most recently used end.
      this.buckets.delete(user.username);
      // Promoted or demoted since: the new budget applies, starting full.
      if (bucket.size !== size) bucket = new TokenBucket(size, now);
    } else {
      this.makeRoom(now);
      bucket = new TokenBucket(size, now);
    }
    this.buckets.set(user.username, bucket);
    const waitMs = bucket.take(now);
    // Retry-After is in whole seconds and at least 1, as kube-apiserver sends it.
    return waitMs === 0 ? allowed : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** How many users' buckets are held (for tests and metrics). */
  get trackedUsers(): number {
    return this.buckets.size;
  }

  private makeRoom(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size < this.maxBuckets && !bucket.isFull(now)) return;
      this.buckets.delete(key);
    }
  }
}

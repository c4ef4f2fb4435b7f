// Sliding-window counting for failed sign-ins, as arithmetic only (the Redis adapter is sign-in-limit.ts).
//
// Each budget keeps one counter per fixed window; the count "in the last window" is estimated as the previous
// window's count, weighted by how much of it still overlaps the sliding window, plus the current one. That
// avoids a fixed window's double burst at its edge for two counters per key.

export type WindowLimit = { limit: number; windowMs: number };

/** Counters of one budget: `current` already includes the attempt being decided. */
export type WindowCounts = { previous: number; current: number };

export type Decision = { allowed: true } | { allowed: false; retryAfterMs: number };

export function windowIndex(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs);
}

function elapsedFraction(nowMs: number, windowMs: number): number {
  return (nowMs - windowIndex(nowMs, windowMs) * windowMs) / windowMs;
}

export function slidingCount(counts: WindowCounts, nowMs: number, windowMs: number): number {
  return counts.previous * (1 - elapsedFraction(nowMs, windowMs)) + counts.current;
}

/**
 * Whether this attempt fits the budget and, if not, how long until the next one would (given that a refused
 * attempt is not counted, and assuming no one else adds to the counter meanwhile).
 */
export function decide(counts: WindowCounts, budget: WindowLimit, nowMs: number): Decision {
  const { limit, windowMs } = budget;
  if (slidingCount(counts, nowMs, windowMs) <= limit) return { allowed: true };

  const windowStart = windowIndex(nowMs, windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  // Later in this window: the previous window's weight fades until the estimate fits again.
  if (counts.current <= limit && counts.previous > 0) {
    const fraction = 1 - (limit - counts.current) / counts.previous;
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(windowStart + fraction * windowMs - nowMs)) };
  }
  // In the next window: what was recorded here (without this refused attempt) becomes the previous count.
  const recorded = counts.current - 1;
  const room = limit - 1;
  const fraction = recorded <= room ? 0 : 1 - room / recorded;
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(windowEnd + fraction * windowMs - nowMs)) };
}

/** The strictest of several budgets: refused if any refuses, for as long as the longest wait. */
export function decideAll(decisions: Decision[]): Decision {
  let wait = 0;
  for (const decision of decisions) if (!decision.allowed) wait = Math.max(wait, decision.retryAfterMs);
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}

/** The sentence a refused person reads. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

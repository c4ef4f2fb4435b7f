import { describe, expect, it } from "vitest";
import { decide, decideAll, slidingCount, tooManyAttemptsMessage, windowIndex } from "./sign-in-limit-window";

const MIN = 60_000;
const budget = { limit: 5, windowMs: 15 * MIN };
// A moment exactly at the start of a window, so fractions are easy to read.
const T = 1000 * budget.windowMs;

describe("sliding-window sign-in counting", () => {
  it("numbers windows from the epoch", () => {
    expect(windowIndex(T, budget.windowMs)).toBe(1000);
    expect(windowIndex(T + budget.windowMs - 1, budget.windowMs)).toBe(1000);
    expect(windowIndex(T + budget.windowMs, budget.windowMs)).toBe(1001);
  });

  it("weights the previous window by how much of it the sliding window still covers", () => {
    expect(slidingCount({ previous: 4, current: 1 }, T, budget.windowMs)).toBe(5);
    expect(slidingCount({ previous: 4, current: 1 }, T + budget.windowMs / 4, budget.windowMs)).toBe(4);
    expect(slidingCount({ previous: 4, current: 1 }, T + budget.windowMs / 2, budget.windowMs)).toBe(3);
  });

  it("allows up to the limit and refuses the next attempt until the next window when this one is full", () => {
    for (let current = 1; current <= 5; current++) expect(decide({ previous: 0, current }, budget, T + MIN)).toEqual({ allowed: true });
    // The sixth attempt one minute in: the five failures stay in this window for 14 more minutes, then weigh
    // 5 × (1 − f) in the next; 5 × (1 − f) + 1 ≤ 5 once f ≥ 1/5, i.e. 3 minutes into it.
    expect(decide({ previous: 0, current: 6 }, budget, T + MIN)).toEqual({ allowed: false, retryAfterMs: 14 * MIN + 3 * MIN });
  });

  it("lets the previous window's weight fade within this window", () => {
    // 5 failures last window, 2 this window (incl. this attempt), 6 minutes in: 5 × 0.6 + 2 = 5 → allowed.
    expect(decide({ previous: 5, current: 2 }, budget, T + 6 * MIN)).toEqual({ allowed: true });
    // Same, 3 minutes in: 5 × 0.8 + 2 = 6 > 5 → wait until 5 × (1 − f) + 2 ≤ 5, f ≥ 0.4, i.e. minute 6.
    expect(decide({ previous: 5, current: 2 }, budget, T + 3 * MIN)).toEqual({ allowed: false, retryAfterMs: 3 * MIN });
  });

  it("takes the strictest of several budgets", () => {
    expect(decideAll([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
    expect(decideAll([{ allowed: false, retryAfterMs: 10 }, { allowed: true }, { allowed: false, retryAfterMs: 30 }])).toEqual({ allowed: false, retryAfterMs: 30 });
  });

  it("says how long to wait in whole minutes, rounded up", () => {
    expect(tooManyAttemptsMessage(17 * MIN)).toBe("Too many sign-in attempts. Try again in 17 minutes.");
    expect(tooManyAttemptsMessage(16 * MIN + 1)).toBe("Too many sign-in attempts. Try again in 17 minutes.");
    expect(tooManyAttemptsMessage(5_000)).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });
});

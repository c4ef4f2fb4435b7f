import { describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket";

describe("token bucket", () => {
  it("allows the burst at once, then refuses with the time until the next token", () => {
    const bucket = new TokenBucket({ perSecond: 4, burst: 3 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    // One token every 250 ms.
    expect(bucket.take(0)).toBeCloseTo(250);
    expect(bucket.take(100)).toBeCloseTo(150);
  });

  it("refills at its rate, never beyond the burst", () => {
    const bucket = new TokenBucket({ perSecond: 4, burst: 3 }, 0);
    for (let i = 0; i < 3; i++) bucket.take(0);
    expect(bucket.take(250)).toBe(0);
    expect(bucket.take(250)).toBeCloseTo(250);
    // An hour idle gives back the burst, not 14,400 tokens.
    const later = 3_600_000;
    expect([bucket.take(later), bucket.take(later), bucket.take(later)]).toEqual([0, 0, 0]);
    expect(bucket.take(later)).toBeGreaterThan(0);
  });

  it("charges nothing for a refused request: hammering does not push the next token further away", () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 1 }, 0);
    expect(bucket.take(0)).toBe(0);
    for (let i = 0; i < 1000; i++) expect(bucket.take(50)).toBeGreaterThan(0);
    expect(bucket.take(100)).toBe(0);
  });

  it("gives no tokens for time that ran backwards", () => {
    const bucket = new TokenBucket({ perSecond: 1, burst: 1 }, 10_000);
    expect(bucket.take(10_000)).toBe(0);
    expect(bucket.take(5_000)).toBeCloseTo(1000);
    expect(bucket.take(10_999)).toBeGreaterThan(0);
    expect(bucket.take(11_000)).toBe(0);
  });

  it("is full again once idle long enough to refill", () => {
    const bucket = new TokenBucket({ perSecond: 2, burst: 4 }, 0);
    expect(bucket.isFull(0)).toBe(true);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.isFull(999)).toBe(false);
    expect(bucket.isFull(1000)).toBe(true);
  });
});

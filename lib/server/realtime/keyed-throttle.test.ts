import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KeyedThrottle } from "./keyed-throttle";

describe("KeyedThrottle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the first touch at once and coalesces a burst into one more run per interval", async () => {
    const runs: [string, number][] = [];
    const throttle = new KeyedThrottle(250, (key, seen) => (runs.push([key, seen.getTime()]), Promise.resolve()), () => Date.now());
    throttle.touch("a", new Date(1));
    expect(runs).toEqual([["a", 1]]);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 2; i <= 20; i++) throttle.touch("a", new Date(i));
    throttle.touch("b", new Date(5));
    expect(runs).toEqual([["a", 1], ["b", 5]]);
    await vi.advanceTimersByTimeAsync(260);
    expect(runs).toEqual([["a", 1], ["b", 5], ["a", 20]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(3);
    // Quiet for longer than the interval: the next touch goes at once again.
    throttle.touch("a", new Date(30));
    expect(runs.at(-1)).toEqual(["a", 30]);
  });

  it("never overlaps runs of one key, and forgets keys", async () => {
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const throttle = new KeyedThrottle(10, () => {
      most = Math.max(most, ++running);
      return new Promise<void>((resolve) => (release = () => (running--, resolve())));
    }, () => Date.now());
    throttle.touch("a", new Date(1));
    throttle.touch("a", new Date(2));
    await vi.advanceTimersByTimeAsync(100);
    expect(most).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    release();
    expect(most).toBe(1);
    throttle.forget((key) => key === "a");
    expect(throttle.size).toBe(0);
  });
});

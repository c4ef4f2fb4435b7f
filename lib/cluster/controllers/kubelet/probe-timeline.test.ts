import { describe, expect, it } from "vitest";
import type { ProbeResult } from "../../sandbox/probe-outcome";
import { probeTimeline, type TimelineInput } from "./probe-timeline";

const ok: ProbeResult = { ok: true };
const bad: ProbeResult = { ok: false, message: "connection refused" };
const base = (over: Partial<TimelineInput>): TimelineInput => ({ firstAt: 10_000, periodMs: 10_000, successThreshold: 1, failureThreshold: 3, outcomeAt: () => ok, changes: [], now: 0, stopAt: "never", ...over });

describe("probeTimeline", () => {
  it("waits for the first probe, then is ready from the first success", () => {
    expect(probeTimeline(base({ now: 5_000 }))).toEqual({ ready: false, nextAt: 10_000 });
    expect(probeTimeline(base({ now: 10_000 }))).toMatchObject({ ready: true, succeededAt: 10_000, nextAt: 20_000 });
  });

  it("needs successThreshold successes in a row", () => {
    expect(probeTimeline(base({ successThreshold: 3, now: 25_000 })).ready).toBe(false);
    expect(probeTimeline(base({ successThreshold: 3, now: 30_000 })).ready).toBe(true);
  });

  it("reaches the failure threshold on the third failure, and a late pass computes the same time", () => {
    const onTime = probeTimeline(base({ outcomeAt: () => bad, now: 30_000, stopAt: "failure" }));
    const late = probeTimeline(base({ outcomeAt: () => bad, now: 95_000, stopAt: "failure" }));
    expect(onTime).toMatchObject({ failedAt: 30_000, last: { at: 30_000, result: bad } });
    expect(late).toEqual(onTime);
    const before = probeTimeline(base({ outcomeAt: () => bad, now: 25_000, stopAt: "failure" }));
    expect(before.failedAt).toBeUndefined();
    expect(before.nextAt).toBe(30_000);
  });

  it("follows a result that changes with the container's state (a file removed at 42 s)", () => {
    const outcomeAt = (at: number) => (at < 42_000 ? ok : bad);
    const readiness = (now: number) => probeTimeline(base({ outcomeAt, changes: [42_000], now }));
    expect(readiness(45_000).ready).toBe(true);
    expect(readiness(65_000).ready).toBe(true); // two failures: 50 s, 60 s
    expect(readiness(70_000).ready).toBe(false);
    expect(probeTimeline(base({ outcomeAt, changes: [42_000], now: 200_000, stopAt: "failure" })).failedAt).toBe(70_000);
  });

  it("stops a startup probe at its first success", () => {
    const outcomeAt = (at: number) => (at >= 30_000 ? ok : bad);
    const startup = probeTimeline(base({ outcomeAt, failureThreshold: 5, changes: [30_000], now: 100_000, stopAt: "success-or-failure" }));
    expect(startup.succeededAt).toBe(30_000);
    expect(startup.failedAt).toBeUndefined();
  });
});

import type { ProbeResult } from "../../sandbox/probe-outcome";

export type TimelineInput = {
  /** When the first probe runs (container start + initialDelaySeconds, or when the startup probe succeeded). */
  firstAt: number;
  periodMs: number;
  successThreshold: number;
  failureThreshold: number;
  /** The result of a probe run at `at`. */
  outcomeAt: (at: number) => ProbeResult;
  /** Times the result may change (the container's files changed), ascending; between them it is constant. */
  changes: number[];
  now: number;
  /** Liveness stops at the first failure threshold (the container is killed), startup also at the first success. */
  stopAt: "never" | "failure" | "success-or-failure";
};

export type Timeline = {
  /** The last probe run (at or before now, or at the stop), with its result. */
  last?: { at: number; result: ProbeResult };
  /** The readiness verdict: successThreshold successes in a row make it true, failureThreshold failures false. */
  ready: boolean;
  /** The first success. */
  succeededAt?: number;
  /** When failureThreshold failures in a row were first reached. */
  failedAt?: number;
  /** The next probe after `last`, unless the timeline stopped. */
  nextAt?: number;
};

/**
 * A probe's history from its first run up to `now`, computed rather than remembered: probes run every period
 * and the result only changes where the container's state did, so the walk goes segment by segment (not probe
 * by probe) and a late pass computes the same history as a timely one.
 */
export function probeTimeline(input: TimelineInput): Timeline {
  const { firstAt, periodMs: period, now } = input;
  if (now < firstAt) return { ready: false, nextAt: firstAt };
  const tickAt = (index: number) => firstAt + index * period;
  const firstIndexFrom = (at: number) => Math.max(0, Math.ceil((at - firstAt) / period));
  const lastIndex = Math.floor((now - firstAt) / period);
  const starts = [firstAt, ...input.changes.filter((c) => c > firstAt && c <= now)];
  let successes = 0;
  let failures = 0;
  let ready = false;
  const out: Timeline = { ready: false };
  for (let i = 0; i < starts.length; i++) {
    const from = firstIndexFrom(starts[i]!);
    const to = i + 1 < starts.length ? firstIndexFrom(starts[i + 1]!) - 1 : lastIndex;
    if (from > to) continue;
    const result = input.outcomeAt(tickAt(from));
    const count = to - from + 1;
    if (result.ok) {
      out.succeededAt ??= tickAt(from);
      if (input.stopAt === "success-or-failure") return { ...out, ready, last: { at: tickAt(from), result } };
      if (!ready && successes + count >= input.successThreshold) ready = true;
      successes += count;
      failures = 0;
    } else {
      if (failures + count >= input.failureThreshold) {
        const crossing = tickAt(from + Math.max(input.failureThreshold - failures, 1) - 1);
        out.failedAt ??= crossing;
        if (input.stopAt !== "never") return { ...out, ready: false, last: { at: crossing, result } };
        ready = false;
      }
      failures += count;
      successes = 0;
    }
    out.last = { at: tickAt(to), result };
  }
  return { ...out, ready, nextAt: tickAt(lastIndex + 1) };
}

import type { PhaseName } from "./protocol";
import type { PhaseOutcome, RunResult } from "./report";
import { median } from "./stats";

/** A phase counts as uncontended when processes other than ours used less than this (% of one core). */
export const UNCONTENDED_PCT = 20;

/**
 * CPU that neither the server, the load generator nor Postgres used during the phase. Interrupt time is not
 * subtracted: with tick-based accounting the kernel charges it to the interrupted process as well.
 */
export function foreignCpu(outcome: PhaseOutcome): number {
  const cpu = outcome.cpu;
  return cpu.machine - cpu.server - cpu.client - cpu.postgres;
}

/**
 * Per phase, the median over only the runs in which the phase had the machine to itself: on a shared machine
 * these are the numbers that describe the software rather than the neighbours. n says how many runs qualified.
 */
export function uncontendedRows(results: RunResult[], fmt: (n: number) => string): string[][] {
  const phases: [PhaseName, string][] = [
    ["creates", "creates"],
    ["gets", "gets"],
    ["lists", "lists"],
    ["updates", "updates"],
    ["learner-gets", "gets as learner"],
    ["watch", "watch (events/s; delivery latency)"],
  ];
  return phases.map(([phase, label]) => {
    const clean = results.map((r) => r.phases[phase]).filter((o): o is PhaseOutcome => o !== undefined && foreignCpu(o) < UNCONTENDED_PCT);
    const pick = (f: (o: PhaseOutcome) => number | undefined) => fmt(median(clean.map((o) => f(o) ?? NaN)));
    return [
      label,
      `${clean.length}/${results.length}`,
      pick((o) => o.load?.perSecond ?? o.watch?.eventsPerSecond),
      pick((o) => o.load?.p50 ?? o.watch?.p50),
      pick((o) => o.load?.p99 ?? o.watch?.p99),
      pick((o) => o.cpu.server),
    ];
  });
}

import type { Probe, ProbeResult } from "../../sandbox/probe-outcome";
import type { KubeletEvent } from "./container-status";
import { probeTimeline, type Timeline } from "./probe-timeline";

/** What the kubelet knows to probe one run of a container. */
export type RunProber = {
  /** The result of `probe` run at `at` (with the container's files as they were then). */
  outcome(probe: Probe, at: number): ProbeResult;
  /** When the container's files changed since it started. */
  changes: number[];
  /** When the kubelet last reported `<Kind> probe failed` for this container (its Unhealthy Event). */
  lastReportedAt(kind: ProbeKind): number | undefined;
};

export type ProbeKind = "Startup" | "Liveness" | "Readiness";

export type ProbedState = {
  started: boolean;
  ready: boolean;
  /** Set when a liveness or startup probe failed often enough: the kubelet kills the container then. */
  kill?: { at: number; kind: "Liveness" | "Startup" };
  events: KubeletEvent[];
  nextAt?: number;
};

type Probes = { startupProbe?: Probe; livenessProbe?: Probe; readinessProbe?: Probe };

const seconds = (value: number | undefined, fallback: number) => (value ?? fallback) * 1000;

function timeline(probe: Probe, firstAt: number, now: number, prober: RunProber, stopAt: "never" | "failure" | "success-or-failure"): Timeline {
  return probeTimeline({
    firstAt,
    periodMs: seconds(probe.periodSeconds, 10),
    successThreshold: probe.successThreshold ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
    outcomeAt: (at) => prober.outcome(probe, at),
    changes: prober.changes,
    now,
    stopAt,
  });
}

/**
 * Startup, liveness and readiness probes of a container running since `startedAt`, as of `now`: whether it has
 * started and is ready, whether a probe has it killed, the Unhealthy Events not yet reported, and when to look
 * again. Liveness and readiness wait for the startup probe, as in Kubernetes.
 */
export function probeContainer(spec: Probes & { name: string }, startedAt: number, now: number, prober: RunProber, fieldPath: string): ProbedState {
  const events: KubeletEvent[] = [];
  let nextAt: number | undefined;
  const soonest = (at: number | undefined) => {
    if (at !== undefined && (nextAt === undefined || at < nextAt)) nextAt = at;
  };
  // One Unhealthy Event per pass for the latest failure not yet reported; repeats fold into its count.
  const report = (kind: ProbeKind, t: Timeline) => {
    const last = t.last;
    if (!last || last.result.ok) return;
    const reported = prober.lastReportedAt(kind);
    if (reported !== undefined && reported >= last.at) return;
    events.push({ type: "Warning", reason: "Unhealthy", message: `${kind} probe ${last.result.errored ? "errored" : "failed"}: ${last.result.message}`, fieldPath });
  };
  // Probes whose result can change while the container runs (exec reads its files) are run every period;
  // the others only until their verdict is settled.
  const follow = (probe: Probe, t: Timeline, settled: boolean) => {
    if (probe.exec || !settled || (t.last && !t.last.result.ok)) soonest(t.nextAt);
  };

  let probesFrom = startedAt;
  if (spec.startupProbe) {
    const t = timeline(spec.startupProbe, startedAt + seconds(spec.startupProbe.initialDelaySeconds, 0), now, prober, "success-or-failure");
    report("Startup", t);
    if (t.failedAt !== undefined) return { started: false, ready: false, kill: { at: t.failedAt, kind: "Startup" }, events };
    if (t.succeededAt === undefined) {
      soonest(t.nextAt);
      return { started: false, ready: false, events, ...(nextAt !== undefined ? { nextAt } : {}) };
    }
    probesFrom = t.succeededAt;
  }
  let kill: ProbedState["kill"];
  if (spec.livenessProbe) {
    const probe = spec.livenessProbe;
    const t = timeline(probe, Math.max(startedAt + seconds(probe.initialDelaySeconds, 0), probesFrom), now, prober, "failure");
    report("Liveness", t);
    if (t.failedAt !== undefined) kill = { at: t.failedAt, kind: "Liveness" };
    else follow(probe, t, true);
  }
  let ready = true;
  if (spec.readinessProbe) {
    const probe = spec.readinessProbe;
    const t = timeline(probe, Math.max(startedAt + seconds(probe.initialDelaySeconds, 0), probesFrom), kill ? Math.min(now, kill.at) : now, prober, "never");
    report("Readiness", t);
    ready = t.ready;
    if (!kill) follow(probe, t, t.ready);
  }
  return { started: true, ready: ready && !kill, ...(kill ? { kill } : {}), events, ...(nextAt !== undefined && !kill ? { nextAt } : {}) };
}

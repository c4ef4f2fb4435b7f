import type { CellStatus, StatusColour } from "./dashboard-types";

/**
 * The dashboard's at-a-glance colour, in order of precedence:
 * - grey  "Not started": no progress and no activity at all.
 * - grey  "Away": nothing for OFFLINE_AFTER (they are not at the keyboard, so nothing to help with right now).
 * - red   a pod in their namespace is failing (CrashLoopBackOff, ImagePullBackOff, …): their work is broken.
 * - amber the same check failed STUCK_STREAK attempts in a row at the current step,
 *         or they are mid-step and idle for IDLE_AFTER,
 *         or their quota is full on some resource (the next create will be refused).
 * - green otherwise: progressing or done.
 * Offline beats red on purpose: the colour answers "who needs me now".
 */
export const statusRules = { idleAfterMs: 10 * 60_000, offlineAfterMs: 30 * 60_000, stuckStreak: 3 } as const;

export type StatusInput = {
  started: boolean;
  lastActivityAt: Date | null;
  current: { stepTitle: string; status: CellStatus } | null;
  failStreak: { count: number; checkId: string | null };
  podProblems: readonly string[];
  fullQuota: readonly string[];
};

const minutes = (ms: number) => Math.floor(ms / 60_000);

export function learnerStatus(input: StatusInput, now: Date): { colour: StatusColour; reason: string } {
  if (!input.started && !input.lastActivityAt) return { colour: "grey", reason: "Not started" };
  const idleMs = input.lastActivityAt ? now.getTime() - input.lastActivityAt.getTime() : Infinity;
  if (idleMs >= statusRules.offlineAfterMs) return { colour: "grey", reason: `Away for ${minutes(idleMs)} min` };
  if (input.podProblems.length > 0) return { colour: "red", reason: `Pod ${input.podProblems[0]}` };
  const current = input.current;
  if (current && current.status !== "passed" && input.failStreak.count >= statusRules.stuckStreak) {
    return { colour: "amber", reason: `Check ${input.failStreak.checkId ?? ""} failed ${input.failStreak.count} times in a row` };
  }
  if (current && current.status !== "passed" && idleMs >= statusRules.idleAfterMs) {
    return { colour: "amber", reason: `Idle ${minutes(idleMs)} min on ${current.stepTitle}` };
  }
  if (input.fullQuota.length > 0) return { colour: "amber", reason: `Quota full: ${input.fullQuota.join(", ")}` };
  if (!current) return { colour: "green", reason: "Active" };
  return { colour: "green", reason: current.status === "passed" ? `Passed ${current.stepTitle}` : `Working on ${current.stepTitle}` };
}

export type AttemptResults = { passed: boolean; results: readonly { id: string; passed: boolean }[] };

/**
 * How many of the latest attempts (newest first) in a row failed the same check: of the checks the newest attempt
 * failed, the one with the longest run.
 */
export function failStreak(attempts: readonly AttemptResults[]): { count: number; checkId: string | null } {
  const newest = attempts[0];
  if (!newest || newest.passed) return { count: 0, checkId: null };
  let best = { count: 0, checkId: null as string | null };
  for (const failed of newest.results.filter((r) => !r.passed)) {
    let count = 0;
    for (const attempt of attempts) {
      if (!attempt.results.some((r) => r.id === failed.id && !r.passed)) break;
      count++;
    }
    if (count > best.count) best = { count, checkId: failed.id };
  }
  return best;
}

/** Pod failure reasons worth a red: the container cannot run, not merely "still starting". */
const failingReasons = new Set(["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "OOMKilled"]);

type PodLike = { metadata?: { name?: string }; status?: { phase?: string; containerStatuses?: { state?: { waiting?: { reason?: string }; terminated?: { reason?: string } } }[] } };

/** "name: Reason" for a pod in a failing state, or undefined. */
export function podProblem(pod: PodLike): string | undefined {
  const name = pod.metadata?.name ?? "?";
  for (const c of pod.status?.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason && failingReasons.has(reason)) return `${name}: ${reason}`;
  }
  if (pod.status?.phase === "Failed") return `${name}: Failed`;
  return undefined;
}

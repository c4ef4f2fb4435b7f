import { available, isFailed, isLive, isUpdated, type Placement } from "./node-placements";
import type { DaemonSet, Pod } from "./daemon-pod";

export type DaemonPlan = { createOn: string[]; remove: Pod[] };

/**
 * What manage() does (podsShouldBeOnNode): a pod on each node that should run one, none where it should not,
 * failed pods replaced, and duplicates beyond the oldest removed. A node whose pod is still terminating waits.
 */
export function planDaemonPods(placements: Placement[]): DaemonPlan {
  const plan: DaemonPlan = { createOn: [], remove: [] };
  for (const placement of placements) {
    const live = placement.pods.filter(isLive);
    if (placement.shouldRun && placement.pods.length === 0) {
      plan.createOn.push(placement.nodeName);
      continue;
    }
    if (!placement.shouldContinueRunning) {
      plan.remove.push(...live);
      continue;
    }
    const failed = live.filter(isFailed);
    plan.remove.push(...failed);
    const running = live.filter((p) => !isFailed(p));
    plan.remove.push(...running.slice(1));
  }
  return plan;
}

/** maxUnavailable of a RollingUpdate as a pod count: an int, or a percentage of the desired pods rounded up. */
export function maxUnavailableOf(ds: DaemonSet, desired: number): number {
  const value = ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  const count = typeof value === "number" ? value : Math.ceil((desired * Number.parseInt(value, 10)) / 100);
  // maxSurge is not simulated: a surge-only strategy (maxUnavailable 0) replaces one pod at a time instead.
  return Math.max(count, 1);
}

/**
 * The old pods a RollingUpdate deletes now (rollingUpdate without surge): unavailable old pods at once, and
 * available ones only while fewer than maxUnavailable nodes lack an available daemon. manage() then creates
 * their replacements at the new revision.
 */
export function rollingUpdateVictims(ds: DaemonSet, placements: Placement[], hash: string, nowMs: number): Pod[] {
  if (ds.spec?.updateStrategy?.type === "OnDelete") return [];
  const wanted = placements.filter((p) => p.shouldRun);
  const maxUnavailable = maxUnavailableOf(ds, wanted.length);
  let unavailable = 0;
  const candidates: Pod[] = [];
  const victims: Pod[] = [];
  for (const placement of wanted) {
    const live = placement.pods.filter(isLive);
    const pod = live[0];
    if (live.length !== 1 || !pod) {
      unavailable++;
      continue;
    }
    if (isUpdated(pod, hash)) {
      if (!available(ds, pod, nowMs)) unavailable++;
    } else if (!available(ds, pod, nowMs)) victims.push(pod);
    else candidates.push(pod);
  }
  return [...victims, ...candidates.slice(0, Math.max(0, maxUnavailable - unavailable - victims.length))];
}

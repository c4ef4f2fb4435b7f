import type { DaemonSetStatus } from "kubernetes-types/apps/v1";
import { available, isLive, isUpdated, ready, type Placement } from "./node-placements";
import type { DaemonSet } from "./daemon-pod";

/** The status counts per node, as updateDaemonSetStatus computes them (a node counts by its oldest live daemon pod). */
export function daemonSetStatus(ds: DaemonSet, placements: Placement[], hash: string, nowMs: number): DaemonSetStatus {
  const status = {
    currentNumberScheduled: 0,
    desiredNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
    observedGeneration: ds.metadata?.generation ?? 0,
  } satisfies DaemonSetStatus;
  for (const placement of placements) {
    const scheduled = placement.pods.length > 0;
    if (!placement.shouldRun) {
      if (scheduled) status.numberMisscheduled++;
      continue;
    }
    status.desiredNumberScheduled++;
    if (!scheduled) continue;
    status.currentNumberScheduled++;
    const pod = placement.pods.find(isLive) ?? placement.pods[0];
    if (pod && ready(pod)) {
      status.numberReady++;
      if (available(ds, pod, nowMs)) status.numberAvailable++;
    }
    if (pod && isUpdated(pod, hash)) status.updatedNumberScheduled++;
  }
  status.numberUnavailable = status.desiredNumberScheduled - status.numberAvailable;
  // numberUnavailable is omitempty in Kubernetes: absent, not 0, once every daemon is available.
  const { numberUnavailable, ...counts } = status;
  return {
    ...counts,
    ...(numberUnavailable === 0 ? {} : { numberUnavailable }),
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}),
  };
}

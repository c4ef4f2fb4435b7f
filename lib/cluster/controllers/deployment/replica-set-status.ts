import type { ReplicaSetStatus } from "kubernetes-types/apps/v1";
import { labelSelectorFromSet, matches } from "../../api/selectors/label-selector";
import { messageOf } from "./create-replica-pods";
import { availableAt, isPodAvailable, isPodReady } from "./pod-readiness";
import { getCondition, removeCondition, setCondition, type Condition } from "./status-conditions";
import { specReplicas, timestamp, type Pod, type ReplicaSet } from "./workload-objects";

/**
 * The status the ReplicaSet controller reports (calculateStatus): counts over the active pods it owns as they were
 * at the start of the pass, and a ReplicaFailure condition while creating or deleting pods fails (FailedCreate /
 * FailedDelete, with the API's message), removed once a pass manages its replicas without error. Zero counts
 * are left out, as Kubernetes' omitempty leaves them out.
 */
export function replicaSetStatus(rs: ReplicaSet, pods: Pod[], manageError: unknown, now: Date): ReplicaSetStatus {
  const templateLabels = labelSelectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (matches(templateLabels, pod.metadata?.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now.getTime())) available++;
    }
  }
  let conditions = (rs.status?.conditions ?? []) as Condition[];
  const failure = getCondition(conditions, "ReplicaFailure");
  if (manageError !== undefined && !failure) {
    const diff = pods.length - specReplicas(rs);
    const reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
    const at = timestamp(now);
    conditions = setCondition(conditions, { type: "ReplicaFailure", status: "True", lastTransitionTime: at, reason, message: messageOf(manageError) });
  } else if (manageError === undefined && failure) {
    conditions = removeCondition(conditions, "ReplicaFailure");
  }
  const generation = rs.metadata?.generation;
  return {
    replicas: pods.length,
    ...(fullyLabeled > 0 ? { fullyLabeledReplicas: fullyLabeled } : {}),
    ...(ready > 0 ? { readyReplicas: ready } : {}),
    ...(available > 0 ? { availableReplicas: available } : {}),
    ...(generation ? { observedGeneration: generation } : {}),
    ...(conditions.length > 0 ? { conditions: conditions } : {}),
  };
}

/** How long until the next Ready pod outlasts minReadySeconds, so the pass that counts it as available runs then. */
export function untilNextAvailable(rs: ReplicaSet, pods: Pod[], nowMs: number): number | undefined {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let soonest: number | undefined;
  for (const pod of pods) {
    const at = availableAt(pod, minReadySeconds);
    if (at === undefined || isPodAvailable(pod, minReadySeconds, nowMs)) continue;
    // Available strictly after the instant, so the check runs a millisecond later.
    const wait = Math.max(at - nowMs + 1, 1);
    soonest = soonest === undefined ? wait : Math.min(soonest, wait);
  }
  return soonest;
}

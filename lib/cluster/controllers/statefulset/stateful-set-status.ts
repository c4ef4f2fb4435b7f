import type { StatefulSetStatus } from "kubernetes-types/apps/v1";
import { isPodAvailable } from "../deployment/pod-readiness";
import type { Revisions } from "./sync-stateful-pods";
import { isCreated, isRunningAndReady, isTerminating, podRevision, type Pod, type StatefulSet } from "./stateful-identity";

/**
 * The status counts as the StatefulSet controller reports them: created pods, Running+Ready ones, those available
 * for minReadySeconds, and live pods per revision. A RollingUpdate whose every pod is updated and ready is
 * complete: the update revision becomes the current one.
 */
export function statefulSetStatus(set: StatefulSet, pods: Pod[], revisions: Revisions, nowMs: number): StatefulSetStatus {
  const current = revisions.current.metadata.name ?? "";
  const update = revisions.update.metadata.name ?? "";
  const status = {
    observedGeneration: set.metadata?.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: current,
    updateRevision: update,
    collisionCount: set.status?.collisionCount ?? 0,
  } satisfies StatefulSetStatus;
  for (const pod of pods) {
    if (isCreated(pod)) status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas++;
      if (isPodAvailable(pod, set.spec?.minReadySeconds ?? 0, nowMs)) status.availableReplicas++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      if (podRevision(pod) === current) status.currentReplicas++;
      if (podRevision(pod) === update) status.updatedReplicas++;
    }
  }
  const rolling = set.spec?.updateStrategy?.type !== "OnDelete";
  if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentRevision = update;
    status.currentReplicas = status.updatedReplicas;
  }
  return { ...(set.status?.conditions ? { conditions: set.status.conditions } : {}), ...status };
}

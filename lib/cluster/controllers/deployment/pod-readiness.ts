import type { Pod } from "./workload-objects";

// Pod predicates the ReplicaSet and Deployment controllers count with (k8s.io/kubernetes/pkg/api/v1/pod).

/** Counted by a ReplicaSet: not finished (Succeeded/Failed) and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata?.deletionTimestamp;
}

const readyCondition = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === "Ready");

export const isPodReady = (pod: Pod): boolean => readyCondition(pod)?.status === "True";

/** When the pod last became Ready (its Ready condition's lastTransitionTime), in ms; undefined when unknown. */
export function podReadySince(pod: Pod): number | undefined {
  const since = readyCondition(pod)?.lastTransitionTime;
  return since ? Date.parse(since) : undefined;
}

/**
 * Ready for longer than minReadySeconds (podutil.IsPodAvailable: strictly after, and a Ready condition without a
 * transition time never counts when minReadySeconds is set).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** When a Ready pod will count as available, if it does not already; undefined when it is not Ready. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const since = podReadySince(pod);
  if (!isPodReady(pod) || minReadySeconds <= 0 || since === undefined) return undefined;
  return since + minReadySeconds * 1000;
}

/** The highest restart counts of the pod's regular containers and of its init (sidecar) containers. */
export function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  const max = (list: { restartCount?: number }[] | undefined) => (list ?? []).reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0);
  return { regular: max(pod.status?.containerStatuses), sidecar: max(pod.status?.initContainerStatuses) };
}

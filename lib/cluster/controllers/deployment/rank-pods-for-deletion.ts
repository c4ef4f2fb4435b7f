import { isPodActive, isPodReady, maxRestarts, podReadySince } from "./pod-readiness";
import { compareStrings, creationTime, type Pod } from "./workload-objects";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

/**
 * Which pods a ReplicaSet removes first when it scales down: the first `count` of `pods` in Kubernetes' order
 * (controller.ActivePodsWithRanks): unscheduled before scheduled; Pending, Unknown, then Running; not ready
 * before ready; lower pod-deletion-cost first; pods doubled up on a node with related pods first; then ready for
 * less time, more restarts, and newer, the times compared in powers-of-two buckets (LogarithmicScaleDown) with
 * the uid breaking ties, so a batch created together is not always trimmed from the same end.
 */
export function podsToDelete(pods: Pod[], relatedPods: Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (isPodActive(pod)) perNode.set(pod.spec?.nodeName ?? "", (perNode.get(pod.spec?.nodeName ?? "") ?? 0) + 1);
  }
  const rank = (pod: Pod) => perNode.get(pod.spec?.nodeName ?? "") ?? 0;
  return [...pods].sort((a, b) => compareForDeletion(a, b, rank(a), rank(b), nowMs)).slice(0, count);
}

/** Negative when `a` should go before `b`. */
export function compareForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, nowMs: number): number {
  const nodeA = a.spec?.nodeName ?? "";
  const nodeB = b.spec?.nodeName ?? "";
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA === "" ? -1 : 1;
  const phaseA = PHASE_ORDER[a.status?.phase ?? ""] ?? 0;
  const phaseB = PHASE_ORDER[b.status?.phase ?? ""] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a);
  const readyB = isPodReady(b);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA - costB;
  if (rankA !== rankB) return rankB - rankA;
  if (readyA && readyB) {
    const byReady = newerFirst(podReadySince(a), podReadySince(b), a, b, nowMs);
    if (byReady !== 0) return byReady;
  }
  const restartsA = maxRestarts(a);
  const restartsB = maxRestarts(b);
  if (restartsA.regular !== restartsB.regular) return restartsB.regular - restartsA.regular;
  if (restartsA.sidecar !== restartsB.sidecar) return restartsB.sidecar - restartsA.sidecar;
  return newerFirst(creationTime(a) || undefined, creationTime(b) || undefined, a, b, nowMs);
}

function deletionCost(pod: Pod): number {
  const value = Number(pod.metadata?.annotations?.[DELETION_COST] ?? 0);
  return Number.isInteger(value) ? value : 0;
}

/** Unknown time first, then more recent first, by log2 of the age in nanoseconds; a tie goes to the smaller uid. */
function newerFirst(timeA: number | undefined, timeB: number | undefined, a: Pod, b: Pod, nowMs: number): number {
  if (timeA === timeB) return 0;
  if (timeA === undefined || timeB === undefined) return timeA === undefined ? -1 : 1;
  const bucket = (t: number) => (nowMs - t > 0 ? Math.floor(Math.log2((nowMs - t) * 1e6)) : -1);
  const diff = bucket(timeA) - bucket(timeB);
  if (diff !== 0) return diff;
  return compareStrings(a.metadata?.uid ?? "", b.metadata?.uid ?? "");
}

import { isPodAvailable, isPodReady } from "../deployment/pod-readiness";
import { byCreation } from "../deployment/workload-objects";
import { REVISION_HASH_LABEL, targetNode, type DaemonSet, type Node, type Pod } from "./daemon-pod";
import { nodeShouldRunDaemonPod } from "./node-should-run";

/** One node as the DaemonSet controller sees it: whether a daemon belongs there, and its daemon pods (oldest first). */
export type Placement = { nodeName: string; shouldRun: boolean; shouldContinueRunning: boolean; pods: Pod[] };

/** Every node with its placement, plus pods pinned to nodes that no longer exist (as placements that should not run). */
export function nodePlacements(ds: DaemonSet, nodes: Node[], pods: Pod[]): Placement[] {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const name = targetNode(pod);
    if (name === undefined) continue;
    byNode.set(name, [...(byNode.get(name) ?? []), pod]);
  }
  const placements: Placement[] = nodes.map((node) => {
    const nodeName = node.metadata?.name ?? "";
    return { nodeName, ...nodeShouldRunDaemonPod(ds, node), pods: (byNode.get(nodeName) ?? []).sort(byCreation) };
  });
  const known = new Set(placements.map((p) => p.nodeName));
  for (const [nodeName, list] of byNode) if (!known.has(nodeName)) placements.push({ nodeName, shouldRun: false, shouldContinueRunning: false, pods: list });
  return placements.sort((a, b) => (a.nodeName < b.nodeName ? -1 : a.nodeName > b.nodeName ? 1 : 0));
}

export const isLive = (pod: Pod) => !pod.metadata?.deletionTimestamp;
export const isUpdated = (pod: Pod, hash: string) => pod.metadata?.labels?.[REVISION_HASH_LABEL] === hash;
export const isFailed = (pod: Pod) => pod.status?.phase === "Failed";
export const available = (ds: DaemonSet, pod: Pod, nowMs: number) => isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, nowMs);
export const ready = (pod: Pod) => isPodReady(pod);

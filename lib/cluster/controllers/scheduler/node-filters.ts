import type { KubeObject } from "../../store/object-store";
import { matchesNodeSelectorTerms } from "./node-affinity";
import type { Requests } from "./pod-requests";

type Taint = { key: string; value?: string; effect: string };
type Toleration = { key?: string; operator?: string; value?: string; effect?: string };

/** One node as the scheduler sees it during a pass: the object, what it offers, and what is already placed. */
export type NodeInfo = { node: KubeObject; allocatable: Requests; requested: Requests; pods: KubeObject[] };

/**
 * Why a node cannot take a pod, in the words kube-scheduler uses in FailedScheduling messages
 * ("0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu."), or [] if it can.
 */
export function unfitReasons(pod: KubeObject, request: Requests, info: NodeInfo): string[] {
  const spec = (pod.spec ?? {}) as { nodeSelector?: Record<string, string>; tolerations?: Toleration[]; affinity?: unknown };
  const node = info.node;
  const nodeSpec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
  const labels = (node.metadata.labels ?? {}) as Record<string, string>;

  if (nodeSpec.unschedulable) return ["node(s) were unschedulable"];
  const untolerated = (nodeSpec.taints ?? []).find(
    (taint) => (taint.effect === "NoSchedule" || taint.effect === "NoExecute") && !(spec.tolerations ?? []).some((t) => tolerates(t, taint)),
  );
  if (untolerated) return [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ""}}`];
  if (!isReady(node)) return ["node(s) were not ready"];
  const selector = spec.nodeSelector ?? {};
  const required = (spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v) || (required && !matchesNodeSelectorTerms(required, labels, { "metadata.name": node.metadata.name ?? "" }))) {
    return ["node(s) didn't match Pod's node affinity/selector"];
  }
  const reasons: string[] = [];
  if (info.requested.pods + 1 > info.allocatable.pods) reasons.push("Too many pods");
  if (request.milliCpu > 0n && info.requested.milliCpu + request.milliCpu > info.allocatable.milliCpu) reasons.push("Insufficient cpu");
  if (request.memory > 0n && info.requested.memory + request.memory > info.allocatable.memory) reasons.push("Insufficient memory");
  return reasons;
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === "Exists") return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? "") === (taint.value ?? "");
}

export function isReady(node: KubeObject): boolean {
  const conditions = ((node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

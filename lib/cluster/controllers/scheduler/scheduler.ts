import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import type { Controller, ReconcileContext } from "../runtime/controller";
import { inParallel } from "../runtime/in-parallel";
import { resources } from "../runtime/resource-id";
import { preferredAffinityWeight } from "./node-affinity";
import { isReady, unfitReasons, type NodeInfo } from "./node-filters";
import { violatesAntiAffinity } from "./pod-anti-affinity";
import { addRequests, allocatable, noRequests, podRequests, type Requests } from "./pod-requests";

const SCHEDULER = "default-scheduler";
/** The scheduler's one work key: a pass places every pending pod in turn, like kube-scheduler's single loop. */
export const schedulerKey = "default-scheduler";

const isPending = (pod: KubeObject) => {
  const spec = (pod.spec ?? {}) as { nodeName?: string; schedulerName?: string; schedulingGates?: unknown[] };
  return !spec.nodeName && (spec.schedulerName ?? SCHEDULER) === SCHEDULER && !pod.metadata.deletionTimestamp && !(spec.schedulingGates?.length);
};

const isTerminal = (pod: KubeObject) => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
};

/**
 * kube-scheduler: filters (readiness, unschedulable, taints/tolerations, nodeSelector and required node affinity,
 * pod anti-affinity, pod count, cpu and memory requests), then scores (least allocated, spreading a workload's
 * pods, preferred node affinity) and binds through pods/binding. A pod that fits nowhere gets
 * PodScheduled=False and a FailedScheduling event in kube-scheduler's words, and is tried again whenever a node
 * or pod changes.
 */
export const scheduler: Controller = {
  name: "scheduler",
  username: "system:kube-scheduler",
  component: SCHEDULER,
  watches: [
    { resource: resources.pods, keys: (event) => (isPending(event.object) || event.type === "DELETED" || isTerminal(event.object) ? [schedulerKey] : []) },
    { resource: resources.nodes, keys: () => [schedulerKey] },
  ],
  async reconcile(ctx) {
    const nodes = buildNodeInfos(ctx);
    const pending = ctx.cache.list(resources.pods).filter(isPending).sort(byPriorityThenAge);
    // Decisions are made one pod at a time, in order, each counting the ones before it (kube-scheduler's
    // "assumed" pods); the bindings then go out side by side, as its binding cycles do.
    const decisions = pending.map((pod) => ({ pod, decision: decide(ctx, pod, nodes) }));
    await inParallel(decisions, BINDERS, ({ pod, decision }) =>
      decision.kind === "bind" ? bind(ctx, pod, decision.nodeName) : reportUnschedulable(ctx, pod, decision.message),
    );
    const unschedulable = decisions.filter((d) => d.decision.kind === "unschedulable").length;
    // kube-scheduler flushes unschedulable pods back for another try every 5 minutes even without events.
    return unschedulable > 0 ? { requeueAfterMs: 5 * 60_000 } : undefined;
  },
};

const BINDERS = 16;

function buildNodeInfos(ctx: ReconcileContext): NodeInfo[] {
  const infos = new Map<string, NodeInfo>();
  for (const node of ctx.cache.list(resources.nodes)) {
    infos.set(node.metadata.name ?? "", { node, allocatable: allocatable(node), requested: noRequests, pods: [] });
  }
  for (const pod of ctx.cache.list(resources.pods)) {
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const info = nodeName ? infos.get(nodeName) : undefined;
    if (!info || isTerminal(pod)) continue;
    info.requested = addRequests(info.requested, podRequests(pod));
    info.pods.push(pod);
  }
  return [...infos.values()];
}

type Decision = { kind: "bind"; nodeName: string } | { kind: "unschedulable"; message: string };

/** Filters and scores the nodes for one pod, and counts the pod on the chosen node for the decisions after it. */
function decide(ctx: ReconcileContext, pod: KubeObject, nodes: NodeInfo[]): Decision {
  const request = podRequests(pod);
  const reasons = new Map<string, number>();
  const feasible: NodeInfo[] = [];
  for (const info of nodes) {
    const unfit = unfitReasons(pod, request, info);
    if (unfit.length === 0 && violatesAntiAffinity(pod, info, nodes)) unfit.push("node(s) didn't match pod anti-affinity rules");
    if (unfit.length === 0) feasible.push(info);
    for (const reason of unfit) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (feasible.length === 0) return { kind: "unschedulable", message: failureMessage(nodes.length, reasons) };
  const chosen = pickBest(ctx, pod, request, feasible);
  const nodeName = chosen.node.metadata.name ?? "";
  chosen.requested = addRequests(chosen.requested, request);
  chosen.pods.push({ ...pod, spec: { ...(pod.spec as object), nodeName } });
  return { kind: "bind", nodeName };
}

async function bind(ctx: ReconcileContext, pod: KubeObject, nodeName: string): Promise<void> {
  try {
    await ctx.client.bind(pod, nodeName);
  } catch (error) {
    // Bound or deleted meanwhile: nothing to do for this pod.
    if (error instanceof ApiError && (error.code === 409 || error.code === 404)) return;
    throw error;
  }
  await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1" }, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
}

/** Highest score wins; ties are broken at random, as kube-scheduler samples among the best. */
function pickBest(ctx: ReconcileContext, pod: KubeObject, request: Requests, feasible: NodeInfo[]): NodeInfo {
  let best: NodeInfo[] = [];
  let bestScore = -Infinity;
  for (const info of feasible) {
    const score = scoreNode(pod, request, info);
    if (score > bestScore) {
      bestScore = score;
      best = [info];
    } else if (score === bestScore) best.push(info);
  }
  return best[Math.floor(ctx.random() * best.length)] ?? best[0] ?? (feasible[0] as NodeInfo);
}

function scoreNode(pod: KubeObject, request: Requests, info: NodeInfo): number {
  const fraction = (used: bigint, total: bigint) => (total > 0n ? Number(used) / Number(total) : 0);
  // NodeResourcesFit LeastAllocated: free share after placing the pod, cpu and memory averaged (0-100).
  const cpu = 1 - fraction(info.requested.milliCpu + request.milliCpu, info.allocatable.milliCpu);
  const memory = 1 - fraction(info.requested.memory + request.memory, info.allocatable.memory);
  const leastAllocated = ((cpu + memory) / 2) * 100;
  // Spread a workload across nodes (PodTopologySpread's default constraint on hostname): fewer siblings is better.
  const owner = controllerUid(pod);
  const siblings = owner ? info.pods.filter((p) => controllerUid(p) === owner).length : 0;
  const spread = 100 - Math.min(siblings * 20, 100);
  const labels = (info.node.metadata.labels ?? {}) as Record<string, string>;
  const preferred = (pod.spec as { affinity?: { nodeAffinity?: { preferredDuringSchedulingIgnoredDuringExecution?: unknown } } } | undefined)?.affinity
    ?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return leastAllocated + 2 * spread + preferredAffinityWeight(preferred, labels) + (info.pods.length === 0 ? 0 : -info.pods.length * 0.01);
}

function controllerUid(pod: KubeObject): string | undefined {
  const refs = pod.metadata.ownerReferences as { uid?: string; controller?: boolean }[] | undefined;
  return refs?.find((r) => r.controller)?.uid;
}

/** `0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu. preemption: …` */
export function failureMessage(nodeCount: number, reasons: Map<string, number>): string {
  if (nodeCount === 0) return "no nodes available to schedule pods";
  const parts = [...reasons].map(([reason, count]) => `${count} ${reason}`).sort();
  const resourceShort = [...reasons.keys()].some((r) => r.startsWith("Insufficient") || r === "Too many pods");
  const preemption =
    nodeCount === 0
      ? ""
      : ` preemption: 0/${nodeCount} nodes are available: ${nodeCount} ${resourceShort ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling"}.`;
  return `0/${nodeCount} nodes are available${parts.length ? `: ${parts.join(", ")}` : ""}.${preemption}`;
}

async function reportUnschedulable(ctx: ReconcileContext, pod: KubeObject, message: string): Promise<void> {
  const status = (pod.status ?? {}) as { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  const current = status.conditions?.find((c) => c.type === "PodScheduled");
  if (current?.status === "False" && current.message === message) return;
  const condition = { type: "PodScheduled", status: "False", reason: "Unschedulable", message, lastProbeTime: null, lastTransitionTime: timestamp(ctx) };
  await ctx.client.updateStatus(resources.pods, {
    ...pod,
    status: { ...status, phase: "Pending", conditions: [...(status.conditions ?? []).filter((c) => c.type !== "PodScheduled"), condition] },
  });
  await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1" }, "Warning", "FailedScheduling", message);
}

function timestamp(ctx: ReconcileContext): string {
  return ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function byPriorityThenAge(a: KubeObject, b: KubeObject): number {
  const pa = (a.spec as { priority?: number } | undefined)?.priority ?? 0;
  const pb = (b.spec as { priority?: number } | undefined)?.priority ?? 0;
  if (pa !== pb) return pb - pa;
  const ta = typeof a.metadata.creationTimestamp === "string" ? a.metadata.creationTimestamp : "";
  const tb = typeof b.metadata.creationTimestamp === "string" ? b.metadata.creationTimestamp : "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
}

export { isReady };

import type { KubeObject } from "../../store/object-store";
import type { Controller, ReconcileContext } from "../runtime/controller";
import { ownKey } from "../runtime/controller";
import { resources } from "../runtime/resource-id";

const UNREACHABLE = "node.kubernetes.io/unreachable";
type Taint = { key: string; value?: string; effect: string; timeAdded?: string };
type Toleration = { key?: string; operator?: string; effect?: string; tolerationSeconds?: number };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * kube-controller-manager's node lifecycle controller: a node whose Lease is not renewed within the grace period
 * (4 heartbeats) becomes Ready=Unknown and gets the `unreachable` taints; its pods turn NotReady, and are evicted
 * once their toleration of the taint runs out (300 s by default), so their controllers replace them elsewhere.
 * When the node's kubelet reports again, the taints go.
 */
export const nodeLifecycle: Controller = {
  name: "node-lifecycle",
  username: "system:serviceaccount:kube-system:node-controller",
  component: "node-controller",
  primary: resources.nodes,
  watches: [
    { resource: resources.nodes, keys: ownKey },
    { resource: resources.leases, keys: (event) => (event.object.metadata.namespace === "kube-node-lease" ? [event.object.metadata.name ?? ""] : []) },
  ],
  async reconcile(ctx, key) {
    const node = ctx.cache.get(resources.nodes, "", key);
    const lease = ctx.cache.get(resources.leases, "kube-node-lease", key);
    if (!node || !lease) return;
    const now = ctx.clock.now().getTime();
    const grace = ctx.config.nodeHeartbeatMs * 4;
    const renewed = Date.parse(String((lease.spec as { renewTime?: string } | undefined)?.renewTime ?? ""));
    const silent = Number.isNaN(renewed) || now - renewed > grace;
    const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []);
    const tainted = taints.some((t) => t.key === UNREACHABLE);
    if (silent && !tainted) {
      await markUnreachable(ctx, node, now);
      return { requeueAfterMs: 1_000 };
    }
    if (!silent) {
      if (tainted) await ctx.client.update(resources.nodes, { ...node, spec: { ...(node.spec as object), taints: nonEmpty(taints.filter((t) => t.key !== UNREACHABLE)) } });
      return { requeueAfterMs: Math.max(renewed + grace - now + 1, 1_000) };
    }
    return evictPods(ctx, node, taints, now);
  },
};

async function markUnreachable(ctx: ReconcileContext, node: KubeObject, now: number): Promise<void> {
  const status = (node.status ?? {}) as { conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[] };
  const conditions = (status.conditions ?? []).map((c) =>
    ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"].includes(c.type)
      ? { ...c, status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: iso(now) }
      : c,
  );
  const updated = await ctx.client.updateStatus(resources.nodes, { ...node, status: { ...status, conditions } });
  const taints = ((updated.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.key !== UNREACHABLE);
  await ctx.client.update(resources.nodes, {
    ...updated,
    spec: { ...(updated.spec as object), taints: [...taints, { key: UNREACHABLE, effect: "NoSchedule", timeAdded: iso(now) }, { key: UNREACHABLE, effect: "NoExecute", timeAdded: iso(now) }] },
  });
  await ctx.events.event({ object: node, kind: "Node", apiVersion: "v1" }, "Normal", "NodeNotReady", `Node ${node.metadata.name} status is now: NodeNotReady`);
  for (const pod of podsOn(ctx, node)) {
    const podStatus = (pod.status ?? {}) as { conditions?: { type: string; status: string }[] };
    if (!podStatus.conditions?.some((c) => c.type === "Ready" && c.status === "True")) continue;
    await ctx.client.updateStatus(resources.pods, {
      ...pod,
      status: { ...podStatus, conditions: podStatus.conditions.map((c) => (c.type === "Ready" ? { ...c, status: "False", lastTransitionTime: iso(now) } : c)) },
    });
    await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1" }, "Warning", "NodeNotReady", "Node is not ready");
  }
}

async function evictPods(ctx: ReconcileContext, node: KubeObject, taints: Taint[], now: number) {
  const noExecute = taints.find((t) => t.key === UNREACHABLE && t.effect === "NoExecute");
  const since = Date.parse(noExecute?.timeAdded ?? "") || now;
  let next: number | undefined;
  for (const pod of podsOn(ctx, node)) {
    if (pod.metadata.deletionTimestamp) continue;
    const tolerations = ((pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []).filter(
      (t) => (t.operator === "Exists" && (!t.key || t.key === UNREACHABLE)) || t.key === UNREACHABLE,
    );
    const forever = tolerations.some((t) => (!t.effect || t.effect === "NoExecute") && t.tolerationSeconds === undefined);
    if (forever && tolerations.length > 0) continue;
    const seconds = tolerations.length > 0 ? Math.min(...tolerations.map((t) => t.tolerationSeconds ?? 0)) : ctx.config.podEvictionMs / 1000;
    const due = since + seconds * 1000;
    if (now < due) {
      next = next === undefined ? due : Math.min(next, due);
      continue;
    }
    await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1" }, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    await ctx.client.delete(resources.pods, pod);
  }
  return { requeueAfterMs: next !== undefined ? Math.max(next - now, 1_000) : 10_000 };
}

function podsOn(ctx: ReconcileContext, node: KubeObject): KubeObject[] {
  return ctx.cache.list(resources.pods).filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node.metadata.name);
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

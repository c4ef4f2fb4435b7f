import type { Controller } from "../runtime/controller";
import { ownKey } from "../runtime/controller";
import { resources } from "../runtime/resource-id";
import { defaultNodes, isStopped, nodeObject, readyNodeStatus, simulatedNode } from "./simulated-nodes";

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
const microIso = (date: Date) => date.toISOString().replace(/Z$/, "000Z");

/**
 * The node half of each simulated kubelet: registers its Node, reports Ready status, and renews its Lease in
 * kube-node-lease every heartbeat. A node annotated `kubeclass.dev/stopped=true` falls silent, as a powered-off
 * machine would, and the node lifecycle controller takes it from there.
 */
export const nodeAgent: Controller = {
  name: "node-agent",
  username: "system:node-agent",
  component: "kubelet",
  primary: resources.nodes,
  initialKeys: () => defaultNodes.map((n) => n.name),
  watches: [{ resource: resources.nodes, keys: ownKey }, { resource: resources.leases, keys: () => [] }],
  async reconcile(ctx, key) {
    const sim = simulatedNode(key);
    if (!sim) return;
    let node = ctx.cache.get(resources.nodes, "", key);
    if (!node) {
      node = await ctx.client.create(resources.nodes, "", nodeObject(sim));
      await ctx.events.event({ object: node, kind: "Node", apiVersion: "v1" }, "Normal", "RegisteredNode", `Node ${key} event: Registered Node ${key} in Controller`);
    }
    if (isStopped(node)) return;
    const now = ctx.clock.now();
    const status = node.status as { conditions?: { type: string; status: string; lastTransitionTime?: string; lastHeartbeatTime?: string }[] } | undefined;
    const ready = status?.conditions?.find((c) => c.type === "Ready");
    // Kubernetes reports node status on change, and at least every 5 minutes; the Lease carries the heartbeat.
    const stale = !ready?.lastHeartbeatTime || now.getTime() - Date.parse(ready.lastHeartbeatTime) >= 5 * 60_000;
    if (ready?.status !== "True" || stale) {
      const wasReady = ready?.status === "True";
      node = await ctx.client.updateStatus(resources.nodes, { ...node, status: { ...(node.status as object), ...readyNodeStatus(sim, iso(now), status) } });
      if (!wasReady) await ctx.events.event({ object: node, kind: "Node", apiVersion: "v1" }, "Normal", "NodeReady", `Node ${key} status is now: NodeReady`, key);
    }
    const lease = ctx.cache.get(resources.leases, "kube-node-lease", key);
    const spec = { holderIdentity: key, leaseDurationSeconds: 40, renewTime: microIso(now) };
    if (!lease) {
      await ctx.client.create(resources.leases, "kube-node-lease", {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name: key, namespace: "kube-node-lease", ownerReferences: [{ apiVersion: "v1", kind: "Node", name: key, uid: node.metadata.uid }] },
        spec,
      });
    } else {
      await ctx.client.update(resources.leases, { ...lease, spec: { ...(lease.spec as object), ...spec } });
    }
    return { requeueAfterMs: ctx.config.nodeHeartbeatMs };
  },
};

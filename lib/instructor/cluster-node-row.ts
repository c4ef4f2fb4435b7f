import type { Node } from "kubernetes-types/core/v1";
import { STOPPED_ANNOTATION } from "@/lib/cluster/controllers/nodes/simulated-nodes";

/** One node of the shared cluster as the drills panel shows it. */
export type ClusterNodeRow = {
  name: string;
  controlPlane: boolean;
  /** As `kubectl get nodes` says it: Ready, NotReady or Unknown. */
  status: "Ready" | "NotReady" | "Unknown";
  /** Powered off for a drill (the kubeclass.dev/stopped annotation). */
  stopped: boolean;
  /** What is happening, in words: a stopped node stays Ready until its missed heartbeats are noticed. */
  phase: "running" | "stopping" | "stopped" | "starting";
};

export const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

export function clusterNodeRow(node: Node): ClusterNodeRow {
  const ready = node.status?.conditions?.findLast((c) => c.type === "Ready");
  const status = !ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady";
  const stopped = node.metadata?.annotations?.[STOPPED_ANNOTATION] === "true";
  const phase = stopped ? (status === "Ready" ? "stopping" : "stopped") : status === "Ready" ? "running" : "starting";
  return { name: node.metadata?.name ?? "", controlPlane: CONTROL_PLANE_LABEL in (node.metadata?.labels ?? {}), status, stopped, phase };
}

/** Control plane first, then workers by name: the order `kubectl get nodes` shows for kind's layout. */
export function sortNodeRows(rows: ClusterNodeRow[]): ClusterNodeRow[] {
  return [...rows].sort((a, b) => Number(b.controlPlane) - Number(a.controlPlane) || a.name.localeCompare(b.name));
}

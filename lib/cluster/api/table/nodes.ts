import type { Node } from "kubernetes-types/core/v1";
import { ageColumn, column, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import { age } from "./format";
import { definePrinter } from "./types";

/** Ready / NotReady / Unknown, then SchedulingDisabled when cordoned. */
function nodeStatus(node: Node): string {
  const status: string[] = [];
  // The last condition of a type wins, as in printers.go's condition map.
  const ready = node.status?.conditions?.findLast((c) => c.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

/** Roles from `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith("node-role.kubernetes.io/")) {
      const role = key.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (key === "kubernetes.io/role" && value) {
      roles.add(value);
    }
  }
  return [...roles].sort().join(",") || "<none>";
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";
}

export const nodePrinter = definePrinter<Node>({
  columns: [
    nameColumn,
    column("Status", "string", "The status of the node"),
    column("Roles", "string", "The roles of the node"),
    ageColumn,
    column("Version", "string", docs.nodeKubeletVersion),
    wide("Internal-IP", "string", docs.nodeAddresses),
    wide("External-IP", "string", docs.nodeAddresses),
    wide("OS-Image", "string", docs.nodeOSImage),
    wide("Kernel-Version", "string", docs.nodeKernelVersion),
    wide("Container-Runtime", "string", docs.nodeContainerRuntime),
  ],
  cells(node, { now }) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? "",
      nodeStatus(node),
      nodeRoles(node),
      age(node, now),
      info?.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
});

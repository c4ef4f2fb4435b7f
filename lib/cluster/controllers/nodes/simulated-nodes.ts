import type { KubeObject } from "../../store/object-store";

/** A node of the simulated cluster: what its kubelet registers, and the pod network it hands out IPs from. */
export type SimulatedNode = { name: string; controlPlane: boolean; internalIP: string; podCIDR: string };

/** kind's default layout with three workers: what most classroom clusters look like. */
export const defaultNodes: SimulatedNode[] = [
  { name: "kubeclass-control-plane", controlPlane: true, internalIP: "172.18.0.2", podCIDR: "10.244.0.0/24" },
  { name: "kubeclass-worker", controlPlane: false, internalIP: "172.18.0.3", podCIDR: "10.244.1.0/24" },
  { name: "kubeclass-worker2", controlPlane: false, internalIP: "172.18.0.4", podCIDR: "10.244.2.0/24" },
  { name: "kubeclass-worker3", controlPlane: false, internalIP: "172.18.0.5", podCIDR: "10.244.3.0/24" },
];

export const simulatedNode = (name: string) => defaultNodes.find((n) => n.name === name);

/** A node is "powered off" for failure drills with `kubectl annotate node X kubeclass.dev/stopped=true`. */
export const STOPPED_ANNOTATION = "kubeclass.dev/stopped";
export const isStopped = (node: KubeObject | undefined) => (node?.metadata.annotations as Record<string, string> | undefined)?.[STOPPED_ANNOTATION] === "true";

export const KUBELET_VERSION = "v1.34.0";

export function nodeObject(sim: SimulatedNode): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: sim.name,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": sim.name,
        "kubernetes.io/os": "linux",
        ...(sim.controlPlane ? { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" } : {}),
      },
      annotations: { "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true" },
    },
    spec: {
      podCIDR: sim.podCIDR,
      podCIDRs: [sim.podCIDR],
      providerID: `kind://docker/kubeclass/${sim.name}`,
      ...(sim.controlPlane ? { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] } : {}),
    },
  };
}

const capacity = { cpu: "4", "ephemeral-storage": "61255492Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "8148204Ki", pods: "110" };

export function readyNodeStatus(sim: SimulatedNode, now: string, previous: { conditions?: { type: string; status: string; lastTransitionTime?: string }[] } | undefined) {
  const since = (type: string, status: string) => {
    const old = previous?.conditions?.find((c) => c.type === type);
    return old?.status === status && old.lastTransitionTime ? old.lastTransitionTime : now;
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: since(type, status),
    reason,
    message,
  });
  return {
    capacity,
    allocatable: capacity,
    conditions: [
      condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
      condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
      condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
      condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ],
    addresses: [
      { type: "InternalIP", address: sim.internalIP },
      { type: "Hostname", address: sim.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: `${sim.name.replace(/[^a-z0-9]/g, "").padEnd(32, "0").slice(0, 32)}`,
      systemUUID: `${sim.name}-0000-0000-0000`,
      bootID: `${sim.name}-boot`,
      kernelVersion: "6.8.0-kubeclass",
      osImage: "Debian GNU/Linux 12 (bookworm)",
      containerRuntimeVersion: "containerd://2.1.1",
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: "linux",
      architecture: "amd64",
    },
  };
}

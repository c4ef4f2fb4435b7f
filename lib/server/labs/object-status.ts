// One short status word per object for the lab page's live namespace view: what `kubectl get` would put in its
// most telling column (a Pod's STATUS, a Deployment's READY, a Service's TYPE, a claim's phase).
type Obj = { kind?: string; metadata?: { name?: string; deletionTimestamp?: string }; spec?: Record<string, unknown>; status?: Record<string, unknown> };

const str = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);

type ContainerStatus = { ready?: boolean; state?: { waiting?: { reason?: string }; terminated?: { reason?: string } } };

export function objectStatus(object: Obj): string {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  if (object.metadata?.deletionTimestamp) return "Terminating";
  switch (object.kind) {
    case "Pod": {
      const containers = (status.containerStatuses as ContainerStatus[] | undefined) ?? [];
      const total = (spec.containers as unknown[] | undefined)?.length ?? containers.length;
      const ready = containers.filter((c) => c.ready).length;
      // A waiting or terminated reason (ImagePullBackOff, CrashLoopBackOff, Completed) says more than the phase.
      const reason = containers.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).find(Boolean);
      return `${reason ?? str(status.phase, "Pending")} ${ready}/${total}`;
    }
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
      return `${Number(status.readyReplicas ?? 0)}/${Number(spec.replicas ?? 1)} ready`;
    case "DaemonSet":
      return `${Number(status.numberReady ?? 0)}/${Number(status.desiredNumberScheduled ?? 0)} ready`;
    case "Service":
      return `${str(spec.type, "ClusterIP")} ${str(spec.clusterIP, "")}`.trim();
    case "PersistentVolumeClaim":
      return str(status.phase, "Pending");
    case "Job": {
      const done = Number(status.succeeded ?? 0);
      return `${done}/${Number(spec.completions ?? 1)} complete`;
    }
    default:
      return "";
  }
}

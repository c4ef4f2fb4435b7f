import type { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { KubeObject } from "@/lib/cluster/store/object-store";

type Workload = KubeObject & {
  spec?: { replicas?: number; paused?: boolean };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number };
};
type Pod = KubeObject & {
  spec?: { nodeName?: string };
  status?: { phase?: string; containerStatuses?: { state?: { waiting?: { reason?: string } } }[]; conditions?: { type: string; reason?: string }[] };
};

// The resources whose controller-driven state the parity commands print (READY, STATUS, replica counts).
const watched = ["/apis/apps/v1/namespaces/NS/deployments", "/apis/apps/v1/namespaces/NS/replicasets", "/apis/apps/v1/namespaces/NS/statefulsets", "/api/v1/namespaces/NS/pods", "/api/v1/namespaces/NS/endpoints"];

/**
 * Waits until the controllers have finished with both twin namespaces: every workload has observed its generation
 * and has its replicas (ready, unless its pods cannot start), every pod is placed and past ContainerCreating, no
 * pod is terminating, and nothing changed between two looks. Gives up quietly after `timeoutMs`: a workload that
 * never converges (a bad image) then shows the same in both namespaces anyway.
 */
export async function settleNamespaces(admin: InProcessClient, namespaces: readonly string[], timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = "";
  while (Date.now() < deadline) {
    const looks = await Promise.all(namespaces.map((ns) => look(admin, ns)));
    const fingerprint = looks.map((l) => l.fingerprint).join("|");
    if (looks.every((l) => l.converged) && fingerprint === previous) return;
    previous = fingerprint;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function look(admin: InProcessClient, namespace: string): Promise<{ converged: boolean; fingerprint: string }> {
  const [deployments, replicaSets, statefulSets, pods, endpoints] = (await Promise.all(
    watched.map((path) => admin.list(path.replace("NS", namespace)).then((list) => list.items)),
  )) as [Workload[], Workload[], Workload[], Pod[], KubeObject[]];
  const stuck = (p: Pod) =>
    (p.status?.containerStatuses ?? []).some((c) => c.state?.waiting?.reason && c.state.waiting.reason !== "ContainerCreating") ||
    (p.status?.conditions ?? []).some((c) => c.type === "PodScheduled" && c.reason === "Unschedulable");
  const anyStuck = pods.some(stuck);
  const workloadDone = (w: Workload) => {
    const wanted = w.spec?.replicas ?? 1;
    const s = w.status ?? {};
    if ((s.observedGeneration ?? 0) < Number(w.metadata.generation ?? 1)) return false;
    if (w.spec?.paused) return true;
    if ((s.replicas ?? 0) !== wanted) return false;
    return anyStuck || (s.readyReplicas ?? 0) === wanted;
  };
  const podDone = (p: Pod) =>
    !p.metadata.deletionTimestamp && (["Running", "Succeeded", "Failed"].includes(p.status?.phase ?? "") || stuck(p));
  const converged = [...deployments, ...replicaSets, ...statefulSets].every(workloadDone) && pods.every(podDone);
  const fingerprint = [deployments, replicaSets, statefulSets, pods, endpoints]
    .flat()
    .map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)
    .sort()
    .join(",");
  return { converged, fingerprint };
}

import type { DaemonSet } from "kubernetes-types/apps/v1";
import type { Node, NodeSelectorTerm, Pod, Taint, Toleration } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../store/object-store";
import { controllerRef } from "../deployment/workload-objects";

export type { DaemonSet, Node, Pod };

export const REVISION_HASH_LABEL = "controller-revision-hash";
/** Deprecated in Kubernetes but still written on every daemon pod. */
export const TEMPLATE_GENERATION_LABEL = "pod-template-generation";

export const asDaemonSet = (object: KubeObject): DaemonSet => object as unknown as DaemonSet;
export const asNode = (object: KubeObject): Node => object as unknown as Node;
export const asPod = (object: KubeObject): Pod => object as unknown as Pod;
export const kube = (object: unknown): KubeObject => object as KubeObject;

const exists = (key: string, effect: string): Toleration => ({ key, operator: "Exists", effect });

/**
 * The tolerations every daemon pod gets (AddOrUpdateDaemonPodTolerations): a daemon keeps running through the
 * conditions Kubernetes marks nodes with. The control-plane taint is not among them: only a template that
 * tolerates it runs there.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  return [
    exists("node.kubernetes.io/not-ready", "NoExecute"),
    exists("node.kubernetes.io/unreachable", "NoExecute"),
    exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
    exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
    exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
    exists("node.kubernetes.io/unschedulable", "NoSchedule"),
    ...(hostNetwork ? [exists("node.kubernetes.io/network-unavailable", "NoSchedule")] : []),
  ];
}

/** The template's pod spec with the daemon tolerations added (those already there are left as written). */
export function daemonPodSpec(ds: DaemonSet): NonNullable<Pod["spec"]> {
  const spec = structuredClone((ds.spec?.template?.spec ?? { containers: [] }));
  const tolerations = [...(spec.tolerations ?? [])];
  for (const extra of daemonTolerations(spec.hostNetwork === true)) {
    if (!tolerations.some((t) => t.key === extra.key && t.effect === extra.effect)) tolerations.push(extra);
  }
  spec.tolerations = tolerations;
  return spec;
}

/**
 * Pins the pod to one node by replacing the required node affinity with `metadata.name In [node]` and keeping
 * the rest (ReplaceDaemonSetPodNodeNameNodeAffinity); the scheduler then binds it there.
 */
export function pinToNode(spec: NonNullable<Pod["spec"]>, nodeName: string): void {
  const term: NodeSelectorTerm = { matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] };
  spec.affinity = {
    ...spec.affinity,
    nodeAffinity: { ...spec.affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } },
  };
}

/** The node a daemon pod is for: where it runs, or where its affinity pins it before it is bound. */
export function targetNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const field = term.matchFields?.find((f) => f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1);
    if (field?.values?.[0]) return field.values[0];
  }
  return undefined;
}

/** A daemon pod for `nodeName`, named by the API from `<ds>-`, labelled with the revision hash. */
export function newDaemonPod(ds: DaemonSet, hash: string, nodeName: string): Pod {
  const template = ds.spec?.template ?? {};
  const spec = daemonPodSpec(ds);
  pinToNode(spec, nodeName);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata?.name ?? "daemon"}-`,
      namespace: ds.metadata?.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata?.generation ?? 1) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(ds, "apps/v1", "DaemonSet")],
    },
    spec,
  };
}

export type { Taint, Toleration };

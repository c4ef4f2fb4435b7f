import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, Pod, Volume } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../store/object-store";
import { controllerRef } from "../deployment/workload-objects";
import { templateOf, type Revision } from "./controller-revisions";

export type { PersistentVolumeClaim, Pod, StatefulSet };

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";

export const asSet = (object: KubeObject): StatefulSet => object as unknown as StatefulSet;
export const asPod = (object: KubeObject): Pod => object as unknown as Pod;
export const kube = (object: unknown): KubeObject => object as KubeObject;

/** spec.ordinals.start: the first ordinal (0 unless the set says otherwise). */
export const startOrdinal = (set: StatefulSet): number => set.spec?.ordinals?.start ?? 0;

/** The ordinal in `<set>-<n>`, or undefined for a pod whose name does not belong to the set. */
export function ordinalOf(set: StatefulSet, pod: Pod): number | undefined {
  const prefix = `${set.metadata?.name ?? ""}-`;
  const name = pod.metadata?.name ?? "";
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata?.name ?? ""}-${ordinal}`;
export const claimName = (template: string, pod: string) => `${template}-${pod}`;

/** The PVCs the pod at `ordinal` uses, from volumeClaimTemplates, labelled with the set's selector labels. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const pod = podName(set, ordinal);
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name: claimName(template.metadata?.name ?? "", pod),
      namespace: set.metadata?.namespace,
      labels: { ...(template.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
    },
    spec: structuredClone(template.spec ?? {}),
  }));
}

/**
 * The pod at `ordinal` built from a revision's template: the stable name, the identity labels, hostname and
 * subdomain (so `<pod>.<serviceName>` resolves), and each claim template mounted in place of a same-named volume.
 */
export function newStatefulPod(set: StatefulSet, revision: Revision, ordinal: number): Pod {
  const template = templateOf(revision);
  const name = podName(set, ordinal);
  const spec = structuredClone((template.spec ?? { containers: [] }) as NonNullable<Pod["spec"]>);
  const claimed = new Map((set.spec?.volumeClaimTemplates ?? []).map((t) => [t.metadata?.name ?? "", claimName(t.metadata?.name ?? "", name)]));
  const volumes: Volume[] = (spec.volumes ?? []).filter((v) => !claimed.has(v.name));
  for (const [volume, claim] of claimed) volumes.push({ name: volume, persistentVolumeClaim: { claimName: claim } });
  if (volumes.length > 0) spec.volumes = volumes;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: set.metadata?.namespace,
      labels: {
        ...(template.metadata?.labels ?? {}),
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [REVISION_LABEL]: revision.metadata.name ?? "",
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(set, "apps/v1", "StatefulSet")],
    },
    spec,
  };
}

/** Whether the pod still carries its identity (a user may have edited a label away); if not, it is relabelled. */
export function identityMatches(set: StatefulSet, pod: Pod, ordinal: number): boolean {
  const labels = pod.metadata?.labels ?? {};
  return labels[POD_NAME_LABEL] === podName(set, ordinal) && labels[POD_INDEX_LABEL] === String(ordinal);
}

export const podRevision = (pod: Pod): string | undefined => pod.metadata?.labels?.[REVISION_LABEL];

export const isTerminating = (pod: Pod) => Boolean(pod.metadata?.deletionTimestamp);
export const isFinished = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
export const isCreated = (pod: Pod) => (pod.status?.phase ?? "") !== "";
export const isRunningAndReady = (pod: Pod) =>
  pod.status?.phase === "Running" && pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;

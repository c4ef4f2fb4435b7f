import { maxSurge } from "./rollout-math";
import { specReplicas, type Deployment, type ReplicaSet } from "./workload-objects";

export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

/** How long revision-history may grow (kube-controller-manager's limit, in characters). */
const REVISION_HISTORY_MAX_CHARS = 2000;

/** Annotations a Deployment never copies to its ReplicaSets (and kubectl's rollback never copies back). */
const NOT_COPIED = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);

/** The revision number an object carries; 0 when it has none (or an unreadable one). */
export function revisionOf(object: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const value = Number(object?.metadata?.annotations?.[REVISION] ?? "0");
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

export const maxRevision = (list: ReplicaSet[]): number => list.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);

const intAnnotation = (rs: ReplicaSet, key: string): number | undefined => {
  const raw = rs.metadata?.annotations?.[key];
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) ? value : undefined;
};
export const desiredReplicasOf = (rs: ReplicaSet) => intAnnotation(rs, DESIRED_REPLICAS);
export const maxReplicasOf = (rs: ReplicaSet) => intAnnotation(rs, MAX_REPLICAS);

/** Whether desired-replicas / max-replicas differ from the Deployment's current size. */
export const replicasAnnotationsNeedUpdate = (rs: ReplicaSet, desired: number, max: number): boolean =>
  rs.metadata?.annotations?.[DESIRED_REPLICAS] !== String(desired) || rs.metadata?.annotations?.[MAX_REPLICAS] !== String(max);

/** Records the Deployment's size on a ReplicaSet (what proportional scaling later scales from). Mutates `rs`. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.metadata = { ...rs.metadata, annotations: { ...rs.metadata?.annotations, [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) } };
  return true;
}

export const setReplicasAnnotationsFor = (rs: ReplicaSet, d: Deployment): boolean =>
  setReplicasAnnotations(rs, specReplicas(d), specReplicas(d) + maxSurge(d));

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations (all but the controller's own), raises the
 * revision to `newRevision` when it is behind, and when an existing revision is replaced (a rollback to this
 * template) appends the old number to revision-history. A ReplicaSet about to be created also gets the replica
 * annotations. Mutates `rs`; answers whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const annotations = { ...rs.metadata?.annotations };
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata?.annotations ?? {})) {
    if (NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const previous = annotations[REVISION];
  const oldRevision = previous === undefined ? 0 : Number(previous);
  if (previous !== undefined && !Number.isInteger(oldRevision)) {
    rs.metadata = { ...rs.metadata, annotations };
    return changed;
  }
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (previous !== undefined) annotations[REVISION_HISTORY] = appendHistory(annotations[REVISION_HISTORY], previous);
  }
  rs.metadata = { ...rs.metadata, annotations };
  if (!exists && setReplicasAnnotationsFor(rs, d)) changed = true;
  return changed;
}

/** "1,3" + "5" → "1,3,5", dropping the oldest entries while the list would exceed the length limit. */
function appendHistory(history: string | undefined, revision: string): string {
  if (!history) return revision;
  const entries = history.split(",");
  let length = history.length + revision.length + 1;
  let start = 0;
  while (length > REVISION_HISTORY_MAX_CHARS && start < entries.length) length -= (entries[start++]?.length ?? 0) + 1;
  return [...entries.slice(start), revision].join(",");
}

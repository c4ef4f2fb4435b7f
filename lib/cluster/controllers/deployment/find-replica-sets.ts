import { deepEqual } from "../../api/rest/deep-equal";
import { POD_TEMPLATE_HASH_LABEL } from "./pod-template-hash";
import { revisionOf } from "./revision-annotations";
import { byCreation, specReplicas, type Deployment, type ReplicaSet } from "./workload-objects";

/** Drops nulls and empty maps/lists, which Kubernetes' semantic equality treats as absent. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => normalize(v) ?? null);
  if (typeof value !== "object" || value === null) return value ?? undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const normal = normalize(child);
    if (normal !== undefined) out[key] = normal;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Two pod templates are the same revision when they differ at most in the pod-template-hash label. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  const strip = (template: unknown) => {
    const copy = structuredClone((template ?? {}) as { metadata?: { labels?: Record<string, string> } });
    if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    return normalize(copy);
  };
  return deepEqual(strip(a), strip(b));
}

/** The ReplicaSet running the Deployment's current template: the oldest one if there are several. */
export function findNewReplicaSet(d: Deployment, list: ReplicaSet[]): ReplicaSet | undefined {
  return [...list].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Every other ReplicaSet the Deployment owns. */
export function findOldReplicaSets(d: Deployment, list: ReplicaSet[]): ReplicaSet[] {
  const current = findNewReplicaSet(d, list);
  return list.filter((rs) => rs.metadata?.uid !== current?.metadata?.uid);
}

export const activeReplicaSets = (list: (ReplicaSet | undefined)[]): ReplicaSet[] =>
  list.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);

/** Larger first; among equals newer first (where scale-ups go first). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number => specReplicas(b) - specReplicas(a) || byCreation(b, a);
/** Larger first; among equals older first (where scale-downs go first). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number => specReplicas(b) - specReplicas(a) || byCreation(a, b);
/** Lowest revision first, then oldest (which history the Deployment deletes first). */
export const byRevision = (a: ReplicaSet, b: ReplicaSet): number => revisionOf(a) - revisionOf(b) || byCreation(a, b);

import { specReplicas, type Deployment, type ReplicaSet } from "./workload-objects";

// The arithmetic of a rolling update (deploymentutil: MaxSurge, MaxUnavailable, ResolveFenceposts, NewRSNewReplicas).

/** An IntOrString against a total: "25%" scales (rounding up or down), a number is itself (intstr). */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const percent = value.endsWith("%") ? Number(value.slice(0, -1)) : Number.NaN;
  // Validation admits only "N%" strings; a bare number in a string is read as that number rather than failing.
  if (Number.isNaN(percent)) return Number.parseInt(value, 10) || 0;
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";

/** maxSurge rounds up, maxUnavailable down; both zero would deadlock a rollout, so unavailable becomes 1. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = specReplicas(d);
  const rolling = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(rolling?.maxSurge ?? "25%", desired, true);
  const unavailable = scaledValue(rolling?.maxUnavailable ?? "25%", desired, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

export const maxSurge = (d: Deployment): number => (isRollingUpdate(d) ? resolveFenceposts(d).surge : 0);

export function maxUnavailable(d: Deployment): number {
  const desired = specReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, desired);
}

/**
 * Pods a ReplicaSet has or may still have: while its controller has not yet removed extras after a scale-down,
 * status.replicas is above spec. Counting the larger keeps "never more than replicas + maxSurge pods" true even
 * when the Deployment acts before the ReplicaSet controller has caught up (Kubernetes counts spec alone).
 */
export const podsAtMost = (rs: ReplicaSet): number => Math.max(specReplicas(rs), rs.status?.replicas ?? 0);

/** Available pods a ReplicaSet is sure to keep: a pending scale-down may take available ones away. */
export const availableAtLeast = (rs: ReplicaSet): number => Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0);

/** How big the new ReplicaSet may be now: up to replicas + maxSurge pods in all (Recreate: all at once). */
export function newReplicaSetSize(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = specReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const current = allRSs.reduce((sum, rs) => sum + podsAtMost(rs), 0);
  const maxTotal = desired + maxSurge(d);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, desired - specReplicas(newRS));
}

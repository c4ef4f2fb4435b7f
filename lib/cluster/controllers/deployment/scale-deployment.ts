import { cleanupHistory } from "./cleanup-history";
import { latest, scaleReplicaSet, type DeploymentPass } from "./deployment-pass";
import { syncDeploymentStatus } from "./deployment-status";
import { activeReplicaSets, bySizeNewer, bySizeOlder } from "./find-replica-sets";
import { isRollingUpdate, maxSurge } from "./rollout-math";
import { desiredReplicasOf, maxReplicasOf } from "./revision-annotations";
import { newAndOldReplicaSets, type ReplicaSets } from "./sync-replica-sets";
import { byCreation, specReplicas, type ReplicaSet } from "./workload-objects";

/**
 * `sync`: what a paused Deployment, or one whose replicas changed, gets instead of a rollout step — its
 * ReplicaSets resized to the new replica count (proportionally during a rollout), history trimmed while
 * paused, and status updated. No new ReplicaSet is created.
 */
export async function syncScaleOnly(pass: DeploymentPass): Promise<void> {
  const { newRS, oldRSs } = await newAndOldReplicaSets(pass, false);
  await scaleDeployment(pass, { newRS, oldRSs });
  if (pass.d.spec?.paused) await cleanupHistory(pass, oldRSs);
  syncDeploymentStatus(pass, [...oldRSs.map((rs) => latest(pass, rs)), newRS && latest(pass, newRS)], newRS && latest(pass, newRS));
}

/** isScalingEvent: an active ReplicaSet was sized for a different replica count than the Deployment has now. */
export async function isScalingEvent(pass: DeploymentPass): Promise<boolean> {
  const { newRS, oldRSs } = await newAndOldReplicaSets(pass, false);
  return activeReplicaSets([...oldRSs, newRS].map((rs) => rs && latest(pass, rs))).some((rs) => {
    const desired = desiredReplicasOf(rs);
    return desired !== undefined && desired !== specReplicas(pass.d);
  });
}

/**
 * dc.scale: one active ReplicaSet takes the whole count; a saturated new one means old ones go to zero;
 * otherwise (mid-rollout) the change is spread over the active ReplicaSets in proportion to their sizes, the
 * rounding leftover going to the largest.
 */
async function scaleDeployment(pass: DeploymentPass, { newRS, oldRSs }: ReplicaSets): Promise<void> {
  const desired = specReplicas(pass.d);
  const fresh = (rs: ReplicaSet | undefined) => rs && latest(pass, rs);
  const olds = oldRSs.map((rs) => latest(pass, rs));
  const activeOrLatest = findActiveOrLatest(fresh(newRS), olds);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== desired) await scaleReplicaSet(pass, activeOrLatest, desired);
    return;
  }
  if (isSaturated(pass, fresh(newRS))) {
    for (const old of activeReplicaSets(olds)) await scaleReplicaSet(pass, old, 0);
    return;
  }
  if (!isRollingUpdate(pass.d)) return;
  const active = activeReplicaSets([...olds, fresh(newRS)]);
  const current = active.reduce((sum, rs) => sum + specReplicas(rs), 0);
  const allowed = desired > 0 ? desired + maxSurge(pass.d) : 0;
  const toAdd = allowed - current;
  const operation = toAdd > 0 ? "up" : toAdd < 0 ? "down" : undefined;
  active.sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of active) {
    const share = toAdd === 0 ? 0 : proportion(pass, rs, toAdd, added);
    sizes.set(rs, specReplicas(rs) + share);
    added += share;
  }
  for (const [i, rs] of active.entries()) {
    let size = sizes.get(rs) ?? specReplicas(rs);
    if (i === 0 && toAdd !== 0) size = Math.max(size + toAdd - added, 0);
    await scaleReplicaSet(pass, rs, size, operation);
  }
}

function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 1) return active[0];
  if (active.length === 0) return newRS ?? newestFirst[0];
  return undefined;
}

function isSaturated(pass: DeploymentPass, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = specReplicas(pass.d);
  return desiredReplicasOf(rs) === desired && specReplicas(rs) === desired && (rs.status?.availableReplicas ?? 0) === desired;
}

/** GetReplicaSetProportion: this ReplicaSet's share of `toAdd`, never more than what is left to hand out. */
function proportion(pass: DeploymentPass, rs: ReplicaSet, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(pass, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** The change this ReplicaSet would get if it kept its share of the Deployment's (old → new) maximum size. */
function replicaSetFraction(pass: DeploymentPass, rs: ReplicaSet): number {
  const desired = specReplicas(pass.d);
  if (desired === 0) return -specReplicas(rs);
  const maxNow = desired + maxSurge(pass.d);
  let maxBefore = maxReplicasOf(rs) ?? 0;
  if (maxBefore === 0) maxBefore = pass.d.status?.replicas ?? 0;
  if (maxBefore === 0) return 0;
  const size = (specReplicas(rs) * maxNow) / maxBefore;
  return roundHalfAwayFromZero(size) - specReplicas(rs);
}

const roundHalfAwayFromZero = (value: number): number => Math.sign(value) * Math.round(Math.abs(value));

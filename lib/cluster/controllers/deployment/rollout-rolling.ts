import { cleanupHistory } from "./cleanup-history";
import { latest, scaleReplicaSet, type DeploymentPass } from "./deployment-pass";
import { deploymentComplete, syncRolloutStatus } from "./deployment-status";
import { activeReplicaSets } from "./find-replica-sets";
import { availableAtLeast, maxUnavailable, newReplicaSetSize } from "./rollout-math";
import { newAndOldReplicaSets } from "./sync-replica-sets";
import { byCreation, specReplicas, type ReplicaSet } from "./workload-objects";

/**
 * One step of a RollingUpdate (rolloutRolling): scale the new ReplicaSet up as far as maxSurge allows; if it
 * could not grow, scale old ones down as far as maxUnavailable allows (unhealthy pods first); once complete,
 * trim the history. Each step ends the pass: the ReplicaSets' status changes bring the next one.
 */
export async function rolloutRolling(pass: DeploymentPass): Promise<void> {
  const { newRS, oldRSs } = await newAndOldReplicaSets(pass, true);
  const all = () => [...oldRSs.map((rs) => latest(pass, rs)), newRS && latest(pass, newRS)];
  if (newRS && (await reconcileNewReplicaSet(pass, all(), newRS))) return syncRolloutStatus(pass, all(), newRS && latest(pass, newRS));
  if (await reconcileOldReplicaSets(pass, all(), newRS && latest(pass, newRS), oldRSs)) return syncRolloutStatus(pass, all(), newRS && latest(pass, newRS));
  if (deploymentComplete(pass.d, pass.d.status)) await cleanupHistory(pass, oldRSs);
  syncRolloutStatus(pass, all(), newRS && latest(pass, newRS));
}

async function reconcileNewReplicaSet(pass: DeploymentPass, all: (ReplicaSet | undefined)[], newRS: ReplicaSet): Promise<boolean> {
  const desired = specReplicas(pass.d);
  const current = specReplicas(latest(pass, newRS));
  if (current === desired) return false;
  if (current > desired) return scaleReplicaSet(pass, newRS, desired);
  const present = all.filter((rs): rs is ReplicaSet => rs !== undefined);
  return scaleReplicaSet(pass, newRS, newReplicaSetSize(pass.d, present, latest(pass, newRS)));
}

async function reconcileOldReplicaSets(pass: DeploymentPass, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<boolean> {
  const active = activeReplicaSets(oldRSs.map((rs) => latest(pass, rs)));
  if (active.reduce((sum, rs) => sum + specReplicas(rs), 0) === 0) return false;
  const allPods = all.reduce((sum, rs) => sum + (rs ? specReplicas(rs) : 0), 0);
  const minAvailable = specReplicas(pass.d) - maxUnavailable(pass.d);
  const newUnavailable = newRS ? specReplicas(newRS) - availableAtLeast(newRS) : 0;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy old pods go first: removing them costs no availability and can unblock a stuck rollout.
  const cleaned = await cleanupUnhealthyReplicas(pass, active, maxScaledDown);
  const scaled = await scaleDownOldForRollingUpdate(pass, [...active.map((rs) => latest(pass, rs)), newRS && latest(pass, newRS)], active);
  return cleaned + scaled > 0;
}

async function cleanupUnhealthyReplicas(pass: DeploymentPass, oldRSs: ReplicaSet[], maxCleanup: number): Promise<number> {
  let total = 0;
  for (const target of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const rs = latest(pass, target);
    const replicas = specReplicas(rs);
    const unhealthy = replicas - availableAtLeast(rs);
    if (replicas === 0 || unhealthy === 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    await scaleReplicaSet(pass, rs, replicas - count);
    total += count;
  }
  return total;
}

async function scaleDownOldForRollingUpdate(pass: DeploymentPass, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[]): Promise<number> {
  const minAvailable = specReplicas(pass.d) - maxUnavailable(pass.d);
  const available = all.reduce((sum, rs) => sum + (rs ? availableAtLeast(rs) : 0), 0);
  if (available <= minAvailable) return 0;
  const allowed = available - minAvailable;
  let total = 0;
  for (const target of [...oldRSs].sort(byCreation)) {
    if (total >= allowed) break;
    const rs = latest(pass, target);
    const replicas = specReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, allowed - total);
    await scaleReplicaSet(pass, rs, replicas - count);
    total += count;
  }
  return total;
}

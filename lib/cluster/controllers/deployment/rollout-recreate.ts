import { resources } from "../runtime/resource-id";
import { cleanupHistory } from "./cleanup-history";
import { latest, scaleReplicaSet, type DeploymentPass } from "./deployment-pass";
import { deploymentComplete, syncRolloutStatus } from "./deployment-status";
import { activeReplicaSets } from "./find-replica-sets";
import { newAndOldReplicaSets } from "./sync-replica-sets";
import { asPod, controllerOf, specReplicas, type ReplicaSet } from "./workload-objects";

/**
 * One step of a Recreate rollout (rolloutRecreate): scale every old ReplicaSet to zero, wait until none of
 * their pods is left running (terminating ones included), and only then create or scale up the new one.
 */
export async function rolloutRecreate(pass: DeploymentPass): Promise<void> {
  let { newRS, oldRSs } = await newAndOldReplicaSets(pass, false);
  const all = () => [...oldRSs.map((rs) => latest(pass, rs)), newRS && latest(pass, newRS)];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs.map((r) => latest(pass, r)))) {
    if (await scaleReplicaSet(pass, rs, 0)) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(pass, newRS, oldRSs)) return syncRolloutStatus(pass, all(), newRS && latest(pass, newRS));
  if (!newRS) ({ newRS, oldRSs } = await newAndOldReplicaSets(pass, true));
  if (newRS) await scaleReplicaSet(pass, newRS, specReplicas(pass.d));
  if (deploymentComplete(pass.d, pass.d.status)) await cleanupHistory(pass, oldRSs);
  syncRolloutStatus(pass, all(), newRS && latest(pass, newRS));
}

/** Old ReplicaSets still report pods, or own pods not yet Succeeded or Failed (a terminating pod still runs). */
function oldPodsRunning(pass: DeploymentPass, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (oldRSs.some((rs) => (latest(pass, rs).status?.replicas ?? 0) > 0)) return true;
  return oldRSs.some((rs) =>
    rs.metadata?.uid !== newRS?.metadata?.uid &&
    pass.ctx.cache.ownedBy(resources.pods, rs.metadata?.uid ?? "").some((object) => {
      const pod = asPod(object);
      const phase = pod.status?.phase;
      return controllerOf(pod)?.uid === rs.metadata?.uid && phase !== "Succeeded" && phase !== "Failed";
    }),
  );
}

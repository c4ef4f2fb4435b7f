import { resources } from "../runtime/resource-id";
import { latest, type DeploymentPass } from "./deployment-pass";
import { byRevision } from "./find-replica-sets";
import { specReplicas, toKube, type ReplicaSet } from "./workload-objects";

/**
 * cleanupDeployment: keeps spec.revisionHistoryLimit old ReplicaSets for `kubectl rollout undo` and deletes
 * the oldest revisions beyond it — only ones fully scaled to zero whose controller has seen that.
 */
export async function cleanupHistory(pass: DeploymentPass, oldRSs: ReplicaSet[]): Promise<void> {
  const limit = pass.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = oldRSs.map((rs) => latest(pass, rs)).filter((rs) => !rs.metadata?.deletionTimestamp);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  for (const rs of cleanable.sort(byRevision).slice(0, excess)) {
    const settled = (rs.status?.observedGeneration ?? 0) >= (rs.metadata?.generation ?? 0);
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || !settled) continue;
    await pass.ctx.client.delete(resources.replicasets, toKube(rs));
  }
}

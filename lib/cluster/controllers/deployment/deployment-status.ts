import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import type { DeploymentPass } from "./deployment-pass";
import { conditionsOf, hasProgressDeadline, newCondition } from "./progress-conditions";
import { maxUnavailable } from "./rollout-math";
import { getCondition, removeCondition, setCondition, type Condition } from "./status-conditions";
import { specReplicas, type Deployment, type ReplicaSet } from "./workload-objects";

type Counts = Required<Pick<DeploymentStatus, "replicas" | "updatedReplicas" | "readyReplicas" | "availableReplicas">>;

const counts = (status: DeploymentStatus | undefined): Counts => ({
  replicas: status?.replicas ?? 0,
  updatedReplicas: status?.updatedReplicas ?? 0,
  readyReplicas: status?.readyReplicas ?? 0,
  availableReplicas: status?.availableReplicas ?? 0,
});

const withConditions = (status: DeploymentStatus, conditions: Condition[]): DeploymentStatus => {
  const { conditions: _old, ...rest } = status;
  return conditions.length > 0 ? { ...rest, conditions: conditions } : rest;
};

/**
 * calculateStatus: counts summed over the ReplicaSets' statuses (the new one's count is updatedReplicas), the
 * Available condition against replicas - maxUnavailable, other conditions carried over. Zero counts are left out
 * as Kubernetes' omitempty leaves them out.
 */
export function calculateStatus(pass: DeploymentPass, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const { d } = pass;
  const list = allRSs.filter((rs): rs is ReplicaSet => rs !== undefined);
  const sum = (pick: (rs: ReplicaSet) => number | undefined) => list.reduce((total, rs) => total + (pick(rs) ?? 0), 0);
  const available = sum((rs) => rs.status?.availableReplicas);
  const values: Record<string, number | undefined> = {
    observedGeneration: d.metadata?.generation,
    replicas: sum((rs) => rs.status?.replicas),
    updatedReplicas: newRS?.status?.replicas,
    readyReplicas: sum((rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(sum((rs) => specReplicas(rs)) - available, 0),
  };
  const status: DeploymentStatus = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== 0));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const enough = available >= specReplicas(d) - maxUnavailable(d);
  const availability = enough
    ? newCondition(pass, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
    : newCondition(pass, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
  return withConditions(status, setCondition(conditionsOf(d.status), availability));
}

/** syncDeploymentStatus: the counts and availability only (scaling, pausing, deletion). */
export function syncDeploymentStatus(pass: DeploymentPass, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  pass.d.status = calculateStatus(pass, allRSs, newRS);
}

/** Every updated replica available, no old ones left, and the latest spec observed (what rollout status waits for). */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined): boolean {
  const desired = specReplicas(d);
  const c = counts(status);
  return c.updatedReplicas === desired && c.replicas === desired && c.availableReplicas === desired && (status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

function progressed(before: DeploymentStatus | undefined, after: DeploymentStatus): boolean {
  const b = counts(before);
  const a = counts(after);
  return a.updatedReplicas > b.updatedReplicas || a.replicas - a.updatedReplicas < b.replicas - b.updatedReplicas || a.readyReplicas > b.readyReplicas || a.availableReplicas > b.availableReplicas;
}

/**
 * syncRolloutStatus: the status of a rollout in flight, with the Progressing condition moved along —
 * NewReplicaSetAvailable once complete, ReplicaSetUpdated whenever any count moved forward (refreshing its
 * lastUpdateTime), ProgressDeadlineExceeded when nothing moved for progressDeadlineSeconds — and a ReplicaSet's
 * ReplicaFailure (the new one's first) surfaced as the Deployment's. Asks for a pass when the deadline falls due.
 */
export function syncRolloutStatus(pass: DeploymentPass, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  const { d } = pass;
  const status = calculateStatus(pass, allRSs, newRS);
  let conditions = conditionsOf(status);
  if (!hasProgressDeadline(pass)) conditions = removeCondition(conditions, "Progressing");
  const current = getCondition(conditionsOf(d.status), "Progressing");
  const alreadyComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === "NewReplicaSetAvailable";
  const rsName = newRS?.metadata?.name;
  if (hasProgressDeadline(pass) && !alreadyComplete) {
    if (deploymentComplete(d, status)) {
      const message = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata?.name ?? ""}" has successfully progressed.`;
      conditions = setCondition(conditions, newCondition(pass, "Progressing", "True", "NewReplicaSetAvailable", message));
    } else if (progressed(d.status, status)) {
      const message = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata?.name ?? ""}" is progressing.`;
      const condition = newCondition(pass, "Progressing", "True", "ReplicaSetUpdated", message);
      // Same reason again still refreshes lastUpdateTime: that is what the deadline is measured from.
      if (current?.status === "True" && current.lastTransitionTime) condition.lastTransitionTime = current.lastTransitionTime;
      conditions = setCondition(removeCondition(conditions, "Progressing"), condition);
    } else if (timedOut(pass, conditions)) {
      const message = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata?.name ?? ""}" has timed out progressing.`;
      conditions = setCondition(conditions, newCondition(pass, "Progressing", "False", "ProgressDeadlineExceeded", message));
    }
  }
  const failure = replicaFailure(newRS, allRSs);
  conditions = failure ? setCondition(conditions, failure) : removeCondition(conditions, "ReplicaFailure");
  pass.d.status = withConditions(status, conditions);
  pass.requeueAfterMs = untilDeadline(pass, pass.d.status);
}

function timedOut(pass: DeploymentPass, conditions: Condition[]): boolean {
  const condition = getCondition(conditions, "Progressing");
  if (!condition || condition.reason === "NewReplicaSetAvailable") return false;
  if (condition.reason === "ProgressDeadlineExceeded") return true;
  const from = Date.parse(condition.lastUpdateTime ?? "");
  return !Number.isNaN(from) && from + (pass.d.spec?.progressDeadlineSeconds ?? 0) * 1000 < pass.now.getTime();
}

/** requeueStuckDeployment: a rollout not yet complete is looked at again just after its deadline. */
function untilDeadline(pass: DeploymentPass, status: DeploymentStatus): number | undefined {
  const condition = getCondition(conditionsOf(status), "Progressing");
  if (!hasProgressDeadline(pass) || !condition || deploymentComplete(pass.d, status)) return undefined;
  if (condition.reason === "ProgressDeadlineExceeded" || condition.reason === "NewReplicaSetAvailable") return undefined;
  const from = Date.parse(condition.lastUpdateTime ?? "");
  if (Number.isNaN(from)) return undefined;
  const after = from + (pass.d.spec?.progressDeadlineSeconds ?? 0) * 1000 - pass.now.getTime();
  return Math.max(after, 0) + 1000;
}

function replicaFailure(newRS: ReplicaSet | undefined, allRSs: (ReplicaSet | undefined)[]): Condition | undefined {
  for (const rs of [newRS, ...allRSs]) {
    const c = getCondition(rs?.status?.conditions as Condition[] | undefined, "ReplicaFailure");
    if (c) return { type: "ReplicaFailure", status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

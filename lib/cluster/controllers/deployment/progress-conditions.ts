import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import type { DeploymentPass } from "./deployment-pass";
import { getCondition, setCondition, type Condition } from "./status-conditions";
import { timestamp } from "./workload-objects";

/** spec.progressDeadlineSeconds set (2^31-1, the largest int32, is how Kubernetes spells "no deadline"). */
export function hasProgressDeadline(pass: DeploymentPass): boolean {
  const seconds = pass.d.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== 2147483647;
}

export const conditionsOf = (status: DeploymentStatus | undefined): Condition[] => (status?.conditions ?? []) as Condition[];

export function newCondition(pass: DeploymentPass, type: string, status: Condition["status"], reason: string, message: string): Condition {
  const now = timestamp(pass.now);
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** Sets the Progressing condition on the pass's working status (SetDeploymentCondition's rules). */
export function setProgressing(pass: DeploymentPass, status: Condition["status"], reason: string, message: string): void {
  const conditions = setCondition(conditionsOf(pass.d.status), newCondition(pass, "Progressing", status, reason, message));
  pass.d.status = { ...pass.d.status, conditions: conditions };
}

/**
 * checkPausedConditions: pausing sets Progressing to Unknown/DeploymentPaused and resuming to
 * Unknown/DeploymentResumed, so time spent paused never counts against the progress deadline. A deadline
 * already exceeded is left as it is.
 */
export function markPausedOrResumed(pass: DeploymentPass): void {
  if (!hasProgressDeadline(pass)) return;
  const current = getCondition(conditionsOf(pass.d.status), "Progressing");
  if (current?.reason === "ProgressDeadlineExceeded") return;
  const pausedNoted = current?.reason === "DeploymentPaused";
  if (pass.d.spec?.paused && !pausedNoted) setProgressing(pass, "Unknown", "DeploymentPaused", "Deployment is paused");
  else if (!pass.d.spec?.paused && pausedNoted) setProgressing(pass, "Unknown", "DeploymentResumed", "Deployment is resumed");
}

import type { KubeObject } from "../../store/object-store";
import { completionIndex, hasCondition, jobSpec, jobStatus, parseIndexes, podPhase } from "./job-objects";

/** What the Job's pods add up to at one instant: the counts status reports and what the controller must do. */
export type JobTally = {
  active: KubeObject[];
  terminating: KubeObject[];
  succeeded: number;
  failed: number;
  ready: number;
  /** Indexed Jobs only. */
  completed?: Set<number>;
  /** Set once the Job has met its success criteria or its failure target. */
  success: boolean;
  failure?: { reason: string; message: string };
  /** When the newest failed pod finished (for the re-creation back-off). */
  lastFailureAt?: number;
};

const finished = (pod: KubeObject) => podPhase(pod) === "Succeeded" || podPhase(pod) === "Failed";
const isReady = (pod: KubeObject) => ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

/**
 * Counts the Job's pods as the Job controller does. Counts never go down: a finished pod someone deleted still
 * counted (Kubernetes keeps them with a tracking finalizer; here status remembers them).
 */
export function tallyJob(job: KubeObject, pods: KubeObject[], nowMs: number): JobTally {
  const spec = jobSpec(job);
  const status = jobStatus(job);
  const active = pods.filter((p) => !finished(p) && !p.metadata.deletionTimestamp);
  const terminating = pods.filter((p) => !finished(p) && p.metadata.deletionTimestamp);
  const failedPods = pods.filter((p) => podPhase(p) === "Failed");
  const succeededPods = pods.filter((p) => podPhase(p) === "Succeeded");
  const indexed = spec.completionMode === "Indexed";
  const completions = spec.completions ?? undefined;
  let succeeded = Math.max(status.succeeded ?? 0, succeededPods.length);
  let completed: Set<number> | undefined;
  if (indexed) {
    completed = parseIndexes(status.completedIndexes);
    for (const pod of succeededPods) {
      const index = completionIndex(pod);
      if (index !== undefined && index < (completions ?? 0)) completed.add(index);
    }
    succeeded = Math.max(succeeded, completed.size);
  }
  const failed = Math.max(status.failed ?? 0, failedPods.length);
  const tally: JobTally = { active, terminating, succeeded, failed, ready: active.filter(isReady).length, ...(completed ? { completed } : {}), success: false };
  const lastFailureAt = Math.max(...failedPods.map(finishTime).filter((t): t is number => t !== undefined));
  if (Number.isFinite(lastFailureAt)) tally.lastFailureAt = lastFailureAt;

  const conditions = status.conditions;
  const target = conditions?.find((c) => c.type === "FailureTarget" && c.status === "True");
  if (target) return { ...tally, failure: { reason: target.reason ?? "", message: target.message ?? "" } };
  if (hasCondition(conditions, "SuccessCriteriaMet")) return { ...tally, success: true };

  const backoffLimit = spec.backoffLimit ?? 6;
  const restarts = (spec.template?.spec?.restartPolicy === "OnFailure") ? active.reduce((n, p) => n + restartCount(p), 0) : 0;
  if (failed > backoffLimit || (restarts > 0 && failed + restarts >= backoffLimit)) {
    return { ...tally, failure: { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" } };
  }
  const start = Date.parse(status.startTime ?? "");
  if (spec.activeDeadlineSeconds !== undefined && !Number.isNaN(start) && nowMs >= start + spec.activeDeadlineSeconds * 1000) {
    return { ...tally, failure: { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" } };
  }
  const success = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions;
  return { ...tally, success };
}

function restartCount(pod: KubeObject): number {
  const statuses = (pod.status as { containerStatuses?: { restartCount?: number }[] } | undefined)?.containerStatuses ?? [];
  return statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

function finishTime(pod: KubeObject): number | undefined {
  const statuses = (pod.status as { containerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[] } | undefined)?.containerStatuses ?? [];
  const times = statuses.map((s) => Date.parse(s.state?.terminated?.finishedAt ?? "")).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : undefined;
}

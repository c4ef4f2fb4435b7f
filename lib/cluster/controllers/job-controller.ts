import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import { ownKey, ownerKeys, type Controller, type ReconcileContext, type ReconcileResult } from "./runtime/controller";
import { resources, splitKey } from "./runtime/resource-id";
import { completionIndex, finishedAt, formatIndexes, jobSpec, jobStatus, type Condition, type JobStatus } from "./job/job-objects";
import { tallyJob, type JobTally } from "./job/job-outcome";
import { podForJob } from "./job/job-pods";

/** Pod re-creation after failures backs off 10 s, 20 s, 40 s, … up to six minutes (DefaultJobPodFailureBackOff). */
const BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 360_000;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const involved = (job: KubeObject) => ({ object: job, kind: "Job", apiVersion: "batch/v1" });

/**
 * The Job controller: runs pods from the template until `completions` succeed (NonIndexed: any pods; Indexed:
 * one per index), at most `parallelism` at once; replaces failed pods with back-off until `backoffLimit`;
 * fails a Job past `activeDeadlineSeconds`; reports counts and the SuccessCriteriaMet → Complete or
 * FailureTarget → Failed conditions as Kubernetes 1.31+ does; deletes a finished Job after
 * `ttlSecondsAfterFinished` (the TTL-after-finished controller's work).
 */
export const jobController: Controller = {
  name: "job",
  username: "system:serviceaccount:kube-system:job-controller",
  component: "job-controller",
  primary: resources.jobs,
  watches: [
    { resource: resources.jobs, keys: ownKey },
    { resource: resources.pods, keys: ownerKeys("Job") },
  ],
  reconcile: syncJob,
};

async function syncJob(ctx: ReconcileContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const job = ctx.cache.get(resources.jobs, namespace, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const now = ctx.clock.now().getTime();
  const done = finishedAt(job);
  if (done !== undefined) return expireFinished(ctx, job, done, now);

  const spec = jobSpec(job);
  const old = jobStatus(job);
  const pods = ctx.cache.ownedBy(resources.pods, job.metadata.uid ?? "");
  const startTime = old.startTime ?? (spec.suspend ? undefined : iso(now));
  const tally = tallyJob({ ...job, status: { ...old, ...(startTime ? { startTime } : {}) } }, pods, now);
  const conditions = [...(old.conditions ?? [])];
  let created = 0;
  let requeueAt: number | undefined;

  if (tally.failure || tally.success) {
    await deletePods(ctx, job, tally.active);
    const [interim, final, reason, message] = tally.failure
      ? ["FailureTarget", "Failed", tally.failure.reason, tally.failure.message]
      : ["SuccessCriteriaMet", "Complete", "CompletionsReached", "Reached expected number of succeeded pods"];
    setCondition(conditions, interim, reason, message, now);
    if (tally.terminating.length === 0) {
      setCondition(conditions, final, reason, message, now);
      if (tally.failure) await ctx.events.event(involved(job), "Warning", reason, message);
      else await ctx.events.event(involved(job), "Normal", "Completed", "Job completed");
    }
  } else if (spec.suspend) {
    await deletePods(ctx, job, tally.active);
    setCondition(conditions, "Suspended", "JobSuspended", "Job suspended", now);
  } else {
    const suspended = conditions.findIndex((c) => c.type === "Suspended" && c.status === "True");
    if (suspended >= 0) conditions[suspended] = { type: "Suspended", status: "False", lastProbeTime: iso(now), lastTransitionTime: iso(now), reason: "JobResumed", message: "Job resumed" };
    const backoffUntil = backoffEnd(tally);
    if (backoffUntil !== undefined && now < backoffUntil) requeueAt = backoffUntil;
    else created = await createPods(ctx, job, tally);
    if (spec.activeDeadlineSeconds !== undefined && startTime) {
      const deadline = Date.parse(startTime) + spec.activeDeadlineSeconds * 1000;
      requeueAt = Math.min(requeueAt ?? deadline, deadline);
    }
  }

  const finishedNow = conditions.some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
  const status: JobStatus = {
    ...(startTime ? { startTime } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
    active: finishedNow ? 0 : tally.active.length + created,
    ready: finishedNow ? 0 : tally.ready,
    terminating: tally.terminating.length,
    succeeded: tally.succeeded,
    failed: tally.failed,
    ...(tally.completed ? { completedIndexes: formatIndexes(tally.completed) } : {}),
    ...(finishedNow && tally.success ? { completionTime: iso(now) } : {}),
    uncountedTerminatedPods: {},
  };
  if (!deepEqual(status, job.status ?? {})) await ctx.client.updateStatus(resources.jobs, { ...job, status });
  if (finishedNow) return expireFinished(ctx, { ...job, status }, now, now);
  return requeueAt === undefined ? undefined : { requeueAfterMs: Math.max(requeueAt - now, 0) };
}

/** New pods toward `parallelism`, never more than the completions still missing. */
async function createPods(ctx: ReconcileContext, job: KubeObject, tally: JobTally): Promise<number> {
  const spec = jobSpec(job);
  const parallelism = spec.parallelism ?? 1;
  const completions = spec.completions ?? undefined;
  let indexes: (number | undefined)[];
  if (spec.completionMode === "Indexed") {
    const running = new Set(tally.active.map(completionIndex));
    const missing = Array.from({ length: completions ?? 0 }, (_, i) => i).filter((i) => !tally.completed?.has(i) && !running.has(i));
    indexes = missing.slice(0, Math.max(parallelism - tally.active.length, 0));
  } else {
    const wanted = completions === undefined ? (tally.succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - tally.succeeded);
    indexes = Array.from({ length: Math.max(wanted - tally.active.length, 0) }, () => undefined);
  }
  let created = 0;
  for (const index of indexes) {
    try {
      const pod = await ctx.client.create(resources.pods, job.metadata.namespace ?? "", podForJob(job, index));
      created++;
      await ctx.events.event(involved(job), "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name ?? ""}`);
    } catch (error) {
      await ctx.events.event(involved(job), "Warning", "FailedCreate", `Error creating: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
  return created;
}

async function deletePods(ctx: ReconcileContext, job: KubeObject, pods: KubeObject[]): Promise<void> {
  for (const pod of pods) {
    await ctx.client.delete(resources.pods, pod);
    await ctx.events.event(involved(job), "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name ?? ""}`);
  }
}

function backoffEnd(tally: JobTally): number | undefined {
  if (tally.failed === 0 || tally.lastFailureAt === undefined) return undefined;
  return tally.lastFailureAt + Math.min(BACKOFF_MS * 2 ** (tally.failed - 1), MAX_BACKOFF_MS);
}

/** ttlSecondsAfterFinished: the finished Job (and, in the foreground, its pods) goes once its time is up. */
async function expireFinished(ctx: ReconcileContext, job: KubeObject, done: number, now: number): Promise<ReconcileResult> {
  const ttl = jobSpec(job).ttlSecondsAfterFinished;
  if (ttl === undefined) return;
  const at = done + ttl * 1000;
  if (now < at) return { requeueAfterMs: at - now };
  await ctx.client.delete(resources.jobs, job, { propagationPolicy: "Foreground" });
}

/** Adds the condition as True, or leaves an existing True one (and its transition time) alone. */
function setCondition(conditions: Condition[], type: string, reason: string, message: string, now: number): void {
  const at = conditions.findIndex((c) => c.type === type);
  if (at >= 0 && conditions[at]?.status === "True") return;
  const condition: Condition = { type, status: "True", lastProbeTime: iso(now), lastTransitionTime: iso(now), reason, message };
  if (at >= 0) conditions[at] = condition;
  else conditions.push(condition);
}

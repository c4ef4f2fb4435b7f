import { deepEqual } from "../api/rest/deep-equal";
import { ApiError } from "../api/status";
import type { KubeObject } from "../store/object-store";
import { checkTimeZone, nextRun, parseCron, type CronSchedule } from "./cronjob/cron-schedule";
import { finishedAt, hasCondition, jobStatus } from "./job/job-objects";
import { ownKey, ownerKeys, type Controller, type ReconcileContext, type ReconcileResult } from "./runtime/controller";
import { resources, splitKey } from "./runtime/resource-id";

type CronJobSpec = {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
};
type JobRef = { apiVersion: string; kind: string; name?: string; namespace?: string; uid?: string; resourceVersion?: string };
type CronJobStatus = { active?: JobRef[]; lastScheduleTime?: string; lastSuccessfulTime?: string };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const involved = (cj: KubeObject) => ({ object: cj, kind: "CronJob", apiVersion: "batch/v1" });
/** Kubernetes gives up counting missed start times beyond this and just runs the latest. */
const MAX_MISSED = 100;
/** How far back missed times are looked for at all (a CronJob suspended for months does not replay them). */
const LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * The CronJob controller (Kubernetes' cronjob controller v2): creates `<name>-<minutes since epoch>` Jobs at the
 * schedule's times in its time zone, honouring suspend, startingDeadlineSeconds and concurrencyPolicy, keeps
 * status.active / lastScheduleTime / lastSuccessfulTime, prunes finished Jobs past the history limits, and asks to
 * be woken at the next scheduled time.
 */
export const cronJobController: Controller = {
  name: "cronjob",
  username: "system:serviceaccount:kube-system:cronjob-controller",
  component: "cronjob-controller",
  primary: resources.cronjobs,
  watches: [
    { resource: resources.cronjobs, keys: ownKey },
    { resource: resources.jobs, keys: ownerKeys("CronJob") },
  ],
  reconcile: syncCronJob,
};

async function syncCronJob(ctx: ReconcileContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const cj = ctx.cache.get(resources.cronjobs, namespace, name);
  if (!cj || cj.metadata.deletionTimestamp) return;
  const spec = (cj.spec ?? {}) as CronJobSpec;
  const old = (cj.status ?? {}) as CronJobStatus;
  const now = ctx.clock.now().getTime();
  const jobs = ctx.cache.ownedBy(resources.jobs, cj.metadata.uid ?? "").filter((j) => !j.metadata.deletionTimestamp);
  const status: CronJobStatus = { ...old };
  let active = jobs.filter((j) => finishedAt(j) === undefined);

  for (const job of jobs) {
    const done = finishedAt(job);
    if (done === undefined) continue;
    if (old.active?.some((r) => r.uid === job.metadata.uid)) {
      const outcome = hasCondition(jobStatus(job).conditions, "Complete") ? "Complete" : "Failed";
      await ctx.events.event(involved(cj), "Normal", "SawCompletedJob", `Saw completed job: ${job.metadata.name ?? ""}, condition: ${outcome}`);
    }
    const completion = Date.parse(jobStatus(job).completionTime ?? "");
    if (!Number.isNaN(completion) && !(Date.parse(status.lastSuccessfulTime ?? "") >= completion)) status.lastSuccessfulTime = iso(completion);
  }
  await pruneHistory(ctx, cj, spec, jobs);

  let schedule: CronSchedule;
  try {
    schedule = parseCron(spec.schedule ?? "");
    checkTimeZone(spec.timeZone);
  } catch (error) {
    const reason = error instanceof RangeError ? "UnknownTimeZone" : "UnparseableSchedule";
    const message = error instanceof RangeError ? `invalid timeZone: "${spec.timeZone ?? ""}": unknown time zone ${spec.timeZone ?? ""}` : `unparseable schedule: "${spec.schedule ?? ""}" : ${error instanceof Error ? error.message : String(error)}`;
    await ctx.events.event(involved(cj), "Warning", reason, message);
    await writeStatus(ctx, cj, status, active);
    return;
  }
  const tz = spec.timeZone;
  const wakeAtNext = (): ReconcileResult => {
    const next = nextRun(schedule, now, tz);
    return next === undefined ? undefined : { requeueAfterMs: next - now };
  };
  if (spec.suspend) {
    await writeStatus(ctx, cj, status, active);
    return;
  }

  const { latest: scheduled, missed } = mostRecentTime(cj, schedule, spec, now);
  if (missed > MAX_MISSED) {
    await ctx.events.event(involved(cj), "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
  }
  if (scheduled === undefined) {
    await writeStatus(ctx, cj, status, active);
    return wakeAtNext();
  }
  const jobName = `${name}-${Math.floor(scheduled / 60_000)}`;
  const alreadyRan = jobs.some((j) => j.metadata.name === jobName) || status.lastScheduleTime === iso(scheduled);
  const tooLate = spec.startingDeadlineSeconds !== undefined && scheduled + spec.startingDeadlineSeconds * 1000 < now;
  if (!alreadyRan && tooLate) {
    await ctx.events.event(involved(cj), "Warning", "MissSchedule", `Missed scheduled time to start a job: ${iso(scheduled)}`);
  } else if (!alreadyRan && spec.concurrencyPolicy === "Forbid" && active.length > 0) {
    // Kubernetes skips silently and tries again at the next scheduled time.
  } else if (!alreadyRan) {
    if (spec.concurrencyPolicy === "Replace") {
      for (const job of active) {
        await ctx.client.delete(resources.jobs, job, { propagationPolicy: "Background" });
        await ctx.events.event(involved(cj), "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name ?? ""}`);
      }
      active = [];
    }
    const created = await createJob(ctx, cj, spec, jobName, scheduled);
    if (created) active = [...active, created];
    status.lastScheduleTime = iso(scheduled);
  }
  await writeStatus(ctx, cj, status, active);
  return wakeAtNext();
}

/** The latest scheduled time in (last schedule or creation, now], reporting a long backlog as Kubernetes does. */
function mostRecentTime(cj: KubeObject, schedule: CronSchedule, spec: CronJobSpec, now: number): { latest?: number; missed: number } {
  const status = (cj.status ?? {}) as CronJobStatus;
  let earliest = Date.parse(status.lastScheduleTime ?? String(cj.metadata.creationTimestamp));
  if (Number.isNaN(earliest)) earliest = now;
  if (spec.startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
  earliest = Math.max(earliest, now - LOOKBACK_MS);
  let latest: number | undefined;
  let missed = 0;
  for (let t = nextRun(schedule, earliest, spec.timeZone); t !== undefined && t <= now; t = nextRun(schedule, t, spec.timeZone)) {
    latest = t;
    missed++;
  }
  return latest === undefined ? { missed } : { latest, missed };
}

async function createJob(ctx: ReconcileContext, cj: KubeObject, spec: CronJobSpec, name: string, scheduled: number): Promise<KubeObject | undefined> {
  const template = spec.jobTemplate ?? {};
  const job: KubeObject = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), "batch.kubernetes.io/cronjob-scheduled-timestamp": new Date(scheduled).toISOString().replace(/\.\d{3}Z$/, "Z") },
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cj.metadata.name, uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(template.spec ?? {}),
  };
  try {
    const created = await ctx.client.create(resources.jobs, cj.metadata.namespace ?? "", job);
    await ctx.events.event(involved(cj), "Normal", "SuccessfulCreate", `Created job ${name}`);
    return created;
  } catch (error) {
    // An earlier pass created it and the cache has not shown it yet: the same outcome.
    if (error instanceof ApiError && error.code === 409) return undefined;
    await ctx.events.event(involved(cj), "Warning", "FailedCreate", `Error creating job: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

/** Keeps the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs; older ones go. */
async function pruneHistory(ctx: ReconcileContext, cj: KubeObject, spec: CronJobSpec, jobs: KubeObject[]): Promise<void> {
  const finished = jobs.filter((j) => finishedAt(j) !== undefined).sort((a, b) => startOf(b) - startOf(a));
  const complete = finished.filter((j) => hasCondition(jobStatus(j).conditions, "Complete"));
  const failed = finished.filter((j) => !hasCondition(jobStatus(j).conditions, "Complete"));
  const victims = [...complete.slice(spec.successfulJobsHistoryLimit ?? 3), ...failed.slice(spec.failedJobsHistoryLimit ?? 1)];
  for (const job of victims) {
    await ctx.client.delete(resources.jobs, job, { propagationPolicy: "Background" });
    await ctx.events.event(involved(cj), "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name ?? ""}`);
  }
}

const startOf = (job: KubeObject) => Date.parse(jobStatus(job).startTime ?? String(job.metadata.creationTimestamp)) || 0;

async function writeStatus(ctx: ReconcileContext, cj: KubeObject, status: CronJobStatus, active: KubeObject[]): Promise<void> {
  // A reference keeps the resourceVersion it was taken at, as Kubernetes' does: no rewrite on every Job change.
  const kept = (uid: string | undefined) => ((cj.status ?? {}) as CronJobStatus).active?.find((r) => r.uid === uid);
  const refs: JobRef[] = active.map((j) => kept(j.metadata.uid) ?? ({ apiVersion: "batch/v1", kind: "Job", name: j.metadata.name, namespace: j.metadata.namespace, uid: j.metadata.uid, resourceVersion: j.metadata.resourceVersion }));
  const next: CronJobStatus = { ...status };
  if (refs.length > 0) next.active = refs;
  else delete next.active;
  if (!deepEqual(next, cj.status ?? {})) await ctx.client.updateStatus(resources.cronjobs, { ...cj, status: next });
}

import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1";
import type { CronJob, Job, JobCondition } from "kubernetes-types/batch/v1";
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import {
  age,
  boolPtrString,
  containerCells,
  formatLabelSelector,
  formatLabels,
  humanDuration,
  int,
  labelSelectorString,
  parseTime,
  timestampSince,
} from "./format";
import { definePrinter } from "./types";

// Defaulting gives every stored workload spec.replicas (1 when omitted); the same default is assumed here.
const replicas = (spec: { replicas?: number } | undefined) => (typeof spec?.replicas === "number" ? spec.replicas : 1);

export const deploymentPrinter = definePrinter<Deployment>({
  columns: [
    nameColumn,
    column("Ready", "string", "Number of the pod with ready state"),
    column("Up-to-date", "string", docs.deploymentUpdated),
    column("Available", "string", docs.deploymentAvailable),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", docs.deploymentSelector),
  ],
  cells(d, { now }) {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    const selector = labelSelectorString(d.spec?.selector);
    return [
      d.metadata?.name ?? "",
      `${int(d.status?.readyReplicas)}/${replicas(d.spec)}`,
      int(d.status?.updatedReplicas),
      int(d.status?.availableReplicas),
      age(d, now),
      names,
      images,
      selector ?? "<invalid>",
    ];
  },
});

export const replicaSetPrinter = definePrinter<ReplicaSet>({
  columns: [
    nameColumn,
    column("Desired", "integer", docs.replicaSetSpecReplicas),
    column("Current", "integer", docs.replicaSetStatusReplicas),
    column("Ready", "integer", docs.replicaSetReadyReplicas),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", docs.replicaSetSelector),
  ],
  cells(rs, { now }) {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? "",
      replicas(rs.spec),
      int(rs.status?.replicas),
      int(rs.status?.readyReplicas),
      age(rs, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
});

export const statefulSetPrinter = definePrinter<StatefulSet>({
  columns: [
    nameColumn,
    column("Ready", "string", "Number of the pod with ready state"),
    ageColumn,
    containersColumn,
    imagesColumn,
  ],
  cells(sts, { now }) {
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    const ready = `${int(sts.status?.readyReplicas)}/${replicas(sts.spec)}`;
    return [sts.metadata?.name ?? "", ready, age(sts, now), names, images];
  },
});

export const daemonSetPrinter = definePrinter<DaemonSet>({
  columns: [
    nameColumn,
    column("Desired", "integer", docs.daemonSetDesired),
    column("Current", "integer", docs.daemonSetCurrent),
    column("Ready", "integer", docs.daemonSetReady),
    column("Up-to-date", "integer", docs.daemonSetUpdated),
    column("Available", "integer", docs.daemonSetAvailable),
    column("Node Selector", "string", docs.podNodeSelector),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", docs.daemonSetSelector),
  ],
  cells(ds, { now }) {
    const status = ds.status;
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata?.name ?? "",
      int(status?.desiredNumberScheduled),
      int(status?.currentNumberScheduled),
      int(status?.numberReady),
      int(status?.updatedNumberScheduled),
      int(status?.numberAvailable),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
});

/** hasJobCondition: the first condition of the type decides. */
function jobCondition(conditions: JobCondition[] | undefined, type: string): boolean {
  return conditions?.find((c) => c.type === type)?.status === "True";
}

function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (jobCondition(conditions, "Complete")) return "Complete";
  if (jobCondition(conditions, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp) return "Terminating";
  if (jobCondition(conditions, "Suspended")) return "Suspended";
  if (jobCondition(conditions, "FailureTarget")) return "FailureTarget";
  return "Running";
}

function jobCompletions(job: Job): string {
  const succeeded = int(job.status?.succeeded);
  if (typeof job.spec?.completions === "number") return `${succeeded}/${job.spec.completions}`;
  const parallelism = int(job.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, now: Date): string {
  const start = parseTime(job.status?.startTime);
  if (!start) return "";
  const end = parseTime(job.status?.completionTime) ?? now;
  return humanDuration(end.getTime() - start.getTime());
}

export const jobPrinter = definePrinter<Job>({
  columns: [
    nameColumn,
    column("Status", "string", "Status of the job."),
    column("Completions", "string", docs.jobSucceeded),
    column("Duration", "string", "Time required to complete the job."),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", docs.jobSelector),
  ],
  cells(job, { now }) {
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata?.name ?? "",
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      age(job, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
});

export const cronJobPrinter = definePrinter<CronJob>({
  columns: [
    nameColumn,
    column("Schedule", "string", docs.cronJobSchedule),
    column("Timezone", "string", docs.cronJobTimeZone),
    column("Suspend", "boolean", docs.cronJobSuspend),
    column("Active", "integer", docs.cronJobActive),
    column("Last Schedule", "string", docs.cronJobLastSchedule),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", docs.jobSelector),
  ],
  cells(cj, { now }) {
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata?.name ?? "",
      cj.spec?.schedule ?? "",
      cj.spec?.timeZone ?? "<none>",
      boolPtrString(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last ? timestampSince(last, now) : "<none>",
      age(cj, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
});

import type { JobData, JobResult, jobContracts } from "@/lib/server/queue/jobs";

export type JobContext = { workerId: string; now: () => number };

export type JobHandler<Q extends keyof typeof jobContracts> = (
  data: JobData<Q>,
  context: JobContext,
) => JobResult<Q> | Promise<JobResult<Q>>;

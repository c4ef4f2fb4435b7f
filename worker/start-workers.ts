import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { jobContracts } from "@/lib/server/queue/jobs";
import type { QueueName } from "@/lib/server/queue/names";
import type { JobContext } from "./jobs/handler";
import { jobRegistry } from "./jobs/registry";

const log = logger("worker");

/** One BullMQ Worker per registered queue; payloads and results are validated against their contracts. */
export function startWorkers(connection: Redis, context: JobContext): Worker[] {
  return (Object.keys(jobRegistry) as QueueName[]).map((queue) => {
    const { handle, concurrency } = jobRegistry[queue];
    const contract = jobContracts[queue];
    const processor = async (job: Job) => {
      const data = contract.data.safeParse(job.data);
      // A malformed payload will be malformed on every retry too: fail it for good.
      if (!data.success) throw new UnrecoverableError(`invalid ${queue} job data: ${data.error.message}`);
      return contract.result.parse(await handle(data.data, context));
    };
    const worker = new Worker(queue, processor, { connection, prefix: env().QUEUE_PREFIX, concurrency });
    worker.on("failed", (job, error) => log.warn({ queue, jobId: job?.id, err: error.message }, "job failed"));
    worker.on("error", (error) => log.debug({ queue, err: error.message }, "worker connection error"));
    return worker;
  });
}

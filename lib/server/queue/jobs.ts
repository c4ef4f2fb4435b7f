import { z } from "zod";
import { queueNames } from "./names";

/**
 * Payload and result contracts of every job, shared by producer and consumer. A job carries data a handler
 * can validate, never live objects; handlers tolerate being run twice (BullMQ is at-least-once).
 */
export const jobContracts = {
  [queueNames.ping]: {
    data: z.object({ nonce: z.string().min(1).max(200), sentAt: z.number() }),
    result: z.object({ nonce: z.string(), workerId: z.string(), pid: z.number(), receivedAt: z.number() }),
  },
} as const;

export type JobData<Q extends keyof typeof jobContracts> = z.infer<(typeof jobContracts)[Q]["data"]>;
export type JobResult<Q extends keyof typeof jobContracts> = z.infer<(typeof jobContracts)[Q]["result"]>;

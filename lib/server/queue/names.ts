/**
 * Every BullMQ queue the platform uses, in one place, so the web (producer) and worker (consumer) cannot
 * disagree about a name.
 */
export const queueNames = {
  /** Diagnostics: a job that proves web → Redis → worker → Redis → web works end to end. */
  ping: "ping",
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

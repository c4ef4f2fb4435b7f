import { queueNames } from "@/lib/server/queue/names";
import type { jobContracts } from "@/lib/server/queue/jobs";
import type { JobHandler } from "./handler";
import { handlePing } from "./ping";

type Registry = { [Q in keyof typeof jobContracts]: { handle: JobHandler<Q>; concurrency: number } };

/** Every queue the worker consumes, with its handler. The type forces a handler for each contract. */
export const jobRegistry: Registry = {
  [queueNames.ping]: { handle: handlePing, concurrency: 4 },
};

import type { JobHandler } from "./handler";

/** Echoes the nonce with who answered, proving the queue round trip end to end. */
export const handlePing: JobHandler<"ping"> = (data, context) => ({
  nonce: data.nonce,
  workerId: context.workerId,
  pid: process.pid,
  receivedAt: context.now(),
});

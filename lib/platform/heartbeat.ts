import { z } from "zod";

/** What a worker process publishes about itself every few seconds. */
export const heartbeatSchema = z.object({
  id: z.string(),
  pid: z.number().int(),
  hostname: z.string(),
  startedAt: z.number(),
  beatAt: z.number(),
  queues: z.array(z.string()),
});

export type Heartbeat = z.infer<typeof heartbeatSchema>;

export type WorkerLiveness = { alive: Heartbeat[]; stale: Heartbeat[]; unreadable: string[] };

/**
 * Sorts raw heartbeat records into alive and stale. A worker that died without saying goodbye (SIGKILL, OOM,
 * a lost machine) simply stops beating; staleness, not absence, is what marks it dead.
 */
export function classifyHeartbeats(
  records: Record<string, string>,
  now: number,
  staleAfterMs: number,
): WorkerLiveness {
  const result: WorkerLiveness = { alive: [], stale: [], unreadable: [] };
  for (const [id, raw] of Object.entries(records)) {
    const parsed = heartbeatSchema.safeParse(safeJson(raw));
    if (!parsed.success) {
      result.unreadable.push(id);
      continue;
    }
    (now - parsed.data.beatAt <= staleAfterMs ? result.alive : result.stale).push(parsed.data);
  }
  return result;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

import { apiEntry, checkEntry, commandEntry, newestFirst, WRITE_VERBS, type TimelineEntry } from "@/lib/instructor/timeline-entry";
import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";
import { requireWatchableLearner } from "./watchable-learner";

export const MAX_TIMELINE_ENTRIES = 500;

export type TimelineQuery = { from?: Date | undefined; to?: Date | undefined; limit?: number | undefined };

/**
 * One learner's timeline, newest first: the commands they ran (TerminalCommand), the API calls they made that
 * changed something or were refused (audit_events under their e-mail, from the terminal or their own kubectl; see
 * keepApiCall for what is left out), and their lab check attempts. Only for an instructor of the classroom.
 */
export async function learnerTimeline(
  prisma: PrismaClient,
  actor: PlatformUser,
  input: { classroomId: string; learnerId: string } & TimelineQuery,
): Promise<TimelineEntry[]> {
  const { learner } = await requireWatchableLearner(prisma, actor, input.classroomId, input.learnerId);
  return timelineOf(prisma, learner, input);
}

/** The timeline of a learner already authorised for (the /watch socket has done requireWatchableLearner). */
export async function timelineOf(prisma: PrismaClient, learner: { userId: string; email: string }, query: TimelineQuery): Promise<TimelineEntry[]> {
  const take = Math.min(Math.max(query.limit ?? 200, 1), MAX_TIMELINE_ENTRIES);
  const range = { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) };
  const [commands, calls, checks] = await Promise.all([
    prisma.terminalCommand.findMany({
      where: { userId: learner.userId, startedAt: range },
      orderBy: { startedAt: "desc" },
      take,
      select: { line: true, exitCode: true, namespace: true, startedAt: true },
    }),
    // The [username, at] index serves this; the verb/code filter is keepApiCall's, in SQL.
    prisma.auditEvent.findMany({
      where: { username: learner.email, at: range, OR: [{ verb: { in: [...WRITE_VERBS] } }, { code: { in: [403, 429] } }] },
      orderBy: { at: "desc" },
      take,
      select: { verb: true, resource: true, subresource: true, namespace: true, name: true, code: true, message: true, at: true },
    }),
    prisma.checkAttempt.findMany({
      where: { userId: learner.userId, createdAt: range },
      orderBy: { createdAt: "desc" },
      take,
      select: { labSlug: true, stepId: true, passed: true, results: true, createdAt: true },
    }),
  ]);
  return newestFirst(
    [
      ...commands.map((c) => commandEntry({ line: c.line, exitCode: c.exitCode, namespace: c.namespace, at: c.startedAt })),
      ...calls.map((call) => apiEntry(call)),
      ...checks.map((c) => checkEntry({ ...c, at: c.createdAt })),
    ],
    take,
  );
}

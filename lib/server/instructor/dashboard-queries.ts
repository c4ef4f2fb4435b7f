import type { AttemptResults } from "@/lib/instructor/learner-status";
import type { FailureFact, TriedFact } from "@/lib/instructor/class-insights";
import type { LatestAttempt, ProgressFact } from "@/lib/instructor/lab-progress-summary";
import type { PrismaClient } from "../db/generated/prisma/client";

// The dashboard's reads, each ONE statement for any number of learners (so 100 learners cost what 1 does, give
// or take rows): index lookups per learner happen inside Postgres, never as a query per learner from here.

export type LearnerKey = { userId: string; email: string };

export async function progressFacts(prisma: PrismaClient, userIds: string[]): Promise<(ProgressFact & { userId: string })[]> {
  return prisma.labProgress.findMany({ where: { userId: { in: userIds } }, select: { userId: true, labSlug: true, stepId: true, status: true, updatedAt: true } });
}

/** The latest attempt at every step each learner checked (heatmap: in progress vs failing). */
export async function latestAttempts(prisma: PrismaClient, userIds: string[]): Promise<(LatestAttempt & { userId: string })[]> {
  if (userIds.length === 0) return [];
  return prisma.$queryRaw<(LatestAttempt & { userId: string })[]>`
    SELECT DISTINCT ON (user_id, lab_slug, step_id) user_id AS "userId", lab_slug AS "labSlug", step_id AS "stepId", passed
    FROM check_attempts WHERE user_id = ANY(${userIds}::text[])
    ORDER BY user_id, lab_slug, step_id, created_at DESC`;
}

/**
 * The last few attempts (newest first) at each learner's current step, the most recently updated progress row:
 * the failing checks of the newest and how many in a row failed the same check.
 */
export async function currentStepAttempts(prisma: PrismaClient, userIds: string[], depth = 6): Promise<Map<string, (AttemptResults & { results: { id: string; passed: boolean; message: string }[] })[]>> {
  if (userIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ userId: string; passed: boolean; results: unknown }[]>`
    WITH current AS (
      SELECT DISTINCT ON (user_id) user_id, lab_slug, step_id FROM lab_progress
      WHERE user_id = ANY(${userIds}::text[]) ORDER BY user_id, updated_at DESC, started_at DESC
    )
    SELECT c.user_id AS "userId", a.passed, a.results
    FROM current c
    CROSS JOIN LATERAL (
      SELECT passed, results, created_at FROM check_attempts x
      WHERE x.user_id = c.user_id AND x.lab_slug = c.lab_slug AND x.step_id = c.step_id
      ORDER BY x.created_at DESC LIMIT ${depth}
    ) a
    ORDER BY c.user_id, a.created_at DESC`;
  const byUser = new Map<string, (AttemptResults & { results: { id: string; passed: boolean; message: string }[] })[]>();
  for (const row of rows) {
    const list = byUser.get(row.userId) ?? [];
    byUser.set(row.userId, list);
    list.push({ passed: row.passed, results: Array.isArray(row.results) ? (row.results as { id: string; passed: boolean; message: string }[]) : [] });
  }
  return byUser;
}

/**
 * Each learner's latest sign of life: a terminal command, a check, a progress change or a cluster API request (by
 * their username, the e-mail). Each is the top row of an index ([user, time]) per learner, inside one statement.
 */
export async function lastActivity(prisma: PrismaClient, learners: LearnerKey[]): Promise<Map<string, Date>> {
  if (learners.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ userId: string; at: Date | null }[]>`
    SELECT l.user_id AS "userId", GREATEST(
      (SELECT max(started_at) FROM terminal_commands t WHERE t.user_id = l.user_id),
      (SELECT max(created_at) FROM check_attempts c WHERE c.user_id = l.user_id),
      (SELECT max(updated_at) FROM lab_progress p WHERE p.user_id = l.user_id),
      (SELECT max(at) FROM audit_events e WHERE e.username = l.email)
    ) AS at
    FROM unnest(${learners.map((l) => l.userId)}::text[], ${learners.map((l) => l.email)}::text[]) AS l(user_id, email)`;
  return new Map(rows.filter((r) => r.at).map((r) => [r.userId, new Date(r.at!)]));
}

/** Failures per (step, check, message, learner) across the class, and how many learners checked each step. */
export async function classFailures(prisma: PrismaClient, userIds: string[]): Promise<{ failures: FailureFact[]; tried: TriedFact[] }> {
  if (userIds.length === 0) return { failures: [], tried: [] };
  const [failures, tried] = await Promise.all([
    prisma.$queryRaw<FailureFact[]>`
      SELECT a.lab_slug AS "labSlug", a.step_id AS "stepId", r->>'id' AS "checkId", coalesce(r->>'message', '') AS message,
             a.user_id AS "userId", count(*)::int AS failures
      FROM check_attempts a CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.results) = 'array' THEN a.results ELSE '[]'::jsonb END) r
      WHERE a.user_id = ANY(${userIds}::text[]) AND a.passed = false AND (r->>'passed')::boolean IS NOT TRUE
      GROUP BY 1, 2, 3, 4, 5`,
    prisma.$queryRaw<TriedFact[]>`
      SELECT lab_slug AS "labSlug", step_id AS "stepId", count(DISTINCT user_id)::int AS learners
      FROM check_attempts WHERE user_id = ANY(${userIds}::text[]) GROUP BY 1, 2`,
  ]);
  return { failures, tried };
}

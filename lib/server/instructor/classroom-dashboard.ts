import { classInsights } from "@/lib/instructor/class-insights";
import type { ClassroomDashboard, RosterRow } from "@/lib/instructor/dashboard-types";
import { heatmapColumns, type LabShape } from "@/lib/instructor/lab-progress-summary";
import { rosterRow } from "@/lib/instructor/roster-row";
import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import type { LabsDeps } from "../labs/labs-deps";
import { classFailures, currentStepAttempts, lastActivity, latestAttempts, progressFacts } from "./dashboard-queries";
import { namespaceHealth } from "./namespace-health";

/** What the dashboard reads with: the platform database, the cluster API (as the platform), the labs, the clock. */
export type DashboardDeps = Pick<LabsDeps, "prisma" | "api" | "labs" | "now">;

const byChapter = (labs: readonly (LabShape & { chapter: { number: number } })[]) =>
  [...labs].sort((a, b) => a.chapter.number - b.chapter.number || a.slug.localeCompare(b.slug));

/**
 * Roster rows of a classroom's learners (all of them, or the one named), read in a constant number of statements
 * and two cluster lists however many learners there are. No access check: callers decide who may see them
 * (classroomDashboard below; the live namespace after its own check at subscribe).
 */
export async function learnerRows(deps: DashboardDeps, classroomId: string, options: { userId?: string; seenAt?: Date } = {}) {
  const [members, assignments, allLabs] = await Promise.all([
    deps.prisma.membership.findMany({
      where: { classroomId, role: "LEARNER", ...(options.userId ? { userId: options.userId } : {}) },
      select: { namespace: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: { joinedAt: "asc" },
    }),
    deps.prisma.assignment.findMany({ where: { classroomId }, select: { labSlug: true } }),
    deps.labs(),
  ]);
  const labs = byChapter(allLabs);
  const assignedSet = new Set(assignments.map((a) => a.labSlug));
  const assignedSlugs = labs.filter((l) => assignedSet.has(l.slug)).map((l) => l.slug);
  const ids = members.map((m) => m.user.id);
  const namespaces = members.flatMap((m) => (m.namespace ? [m.namespace] : []));
  const [progress, latest, attempts, activity, health] = await Promise.all([
    progressFacts(deps.prisma, ids),
    latestAttempts(deps.prisma, ids),
    currentStepAttempts(deps.prisma, ids),
    lastActivity(deps.prisma, members.map((m) => ({ userId: m.user.id, email: m.user.email }))),
    namespaces.length > 0 ? namespaceHealth(deps.api, namespaces) : Promise.resolve(new Map<string, never>()),
  ]);
  const now = deps.now();
  const group = <T extends { userId: string }>(items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const list = map.get(item.userId);
      if (list) list.push(item);
      else map.set(item.userId, [item]);
    }
    return map;
  };
  const progressBy = group(progress);
  const latestBy = group(latest);
  const rows: RosterRow[] = members.map((m) => {
    const seen = activity.get(m.user.id) ?? null;
    // A live event may arrive before its row is committed: it still counts as a sign of life.
    const lastActivityAt = options.seenAt && (!seen || options.seenAt > seen) ? options.seenAt : seen;
    return rosterRow(
      {
        learner: { userId: m.user.id, name: m.user.name, email: m.user.email, namespace: m.namespace },
        labs,
        assignedSlugs,
        progress: progressBy.get(m.user.id) ?? [],
        latest: latestBy.get(m.user.id) ?? [],
        currentAttempts: attempts.get(m.user.id) ?? [],
        lastActivityAt,
        health: (m.namespace ? health.get(m.namespace) : undefined) ?? { quota: [], podProblems: [] },
      },
      now,
    );
  });
  return { rows, labs, assignedSlugs, ids, startedSlugs: new Set(progress.map((p) => p.labSlug)) };
}

/** The classroom dashboard: roster, heatmap and insights, for the classroom's instructors (and admins) only. */
export async function classroomDashboard(deps: DashboardDeps, actor: PlatformUser, classroomId: string): Promise<ClassroomDashboard> {
  const classroom = await requireClassroomInstructor(deps.prisma, actor, classroomId);
  const { rows, labs, assignedSlugs, ids, startedSlugs } = await learnerRows(deps, classroom.id);
  const { failures, tried } = await classFailures(deps.prisma, ids);
  return {
    classroom: { id: classroom.id, name: classroom.name },
    generatedAt: deps.now().toISOString(),
    columns: heatmapColumns(labs, assignedSlugs, startedSlugs),
    rows,
    insights: classInsights(labs, failures, tried),
  };
}

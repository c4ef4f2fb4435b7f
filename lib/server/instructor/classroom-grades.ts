import { labCatalog } from "@/lib/labs/lab-catalog";
import type { GradeSheet, SheetCheck } from "@/lib/instructor/grade-sheet";
import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import type { LabsDeps } from "../labs/labs-deps";

/**
 * The classroom's grade sheet: every assignment (soonest due first) × every learner (in the order they joined),
 * each cell the learner's latest submission and their own deadline (extra time included). Instructors and admins
 * only. The grades page and the CSV export both render exactly this.
 */
export async function classroomGradeSheet(deps: Pick<LabsDeps, "prisma" | "labs" | "now">, actor: PlatformUser, classroomId: string): Promise<GradeSheet> {
  const classroom = await requireClassroomInstructor(deps.prisma, actor, classroomId);
  const [assignments, members, labs] = await Promise.all([
    deps.prisma.assignment.findMany({ where: { classroomId }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] }),
    deps.prisma.membership.findMany({
      where: { classroomId, role: "LEARNER" },
      select: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { joinedAt: "asc" },
    }),
    deps.labs(),
  ]);
  const assignmentIds = assignments.map((a) => a.id);
  const [submissions, extensions] = await Promise.all([
    deps.prisma.submission.findMany({ where: { assignmentId: { in: assignmentIds } }, orderBy: { submittedAt: "desc" } }),
    deps.prisma.assignmentExtension.findMany({ where: { assignmentId: { in: assignmentIds } } }),
  ]);
  const maxScores = new Map(labCatalog(labs).map((l) => [l.slug, l.maxScore]));
  const key = (assignmentId: string, userId: string) => `${assignmentId}\u0000${userId}`;
  const latest = new Map<string, (typeof submissions)[number]>();
  const count = new Map<string, number>();
  for (const s of submissions) {
    const k = key(s.assignmentId, s.userId);
    if (!latest.has(k)) latest.set(k, s);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const extended = new Map(extensions.map((e) => [key(e.assignmentId, e.userId), e.dueAt]));
  return {
    classroom: { id: classroom.id, name: classroom.name },
    generatedAt: deps.now().toISOString(),
    assignments: assignments.map((a) => ({
      id: a.id,
      title: a.title,
      labSlug: a.labSlug,
      opensAt: a.opensAt.toISOString(),
      dueAt: a.dueAt.toISOString(),
      maxScore: maxScores.get(a.labSlug) ?? 0,
    })),
    learners: members.map(({ user }) => ({
      userId: user.id,
      name: user.name,
      email: user.email,
      cells: assignments.map((a) => {
        const k = key(a.id, user.id);
        const s = latest.get(k);
        const own = extended.get(k);
        return {
          dueAt: (own ?? a.dueAt).toISOString(),
          extended: own !== undefined,
          submission: s
            ? {
                id: s.id,
                score: s.score,
                maxScore: s.maxScore,
                late: s.late,
                submittedAt: s.submittedAt.toISOString(),
                regradedAt: s.regradedAt?.toISOString() ?? null,
                results: Array.isArray(s.results) ? (s.results as SheetCheck[]) : [],
              }
            : null,
          submissions: count.get(k) ?? 0,
        };
      }),
    })),
  };
}

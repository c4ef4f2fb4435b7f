import type { PlatformUser } from "../auth/platform-user";
import { requireAssignmentInstructor } from "./assignment-access";
import { assignmentView, type AssignmentView } from "./create-assignment";
import type { LabsDeps } from "./labs-deps";
import { submissionView, type SubmissionView } from "./submit-assignment";

export type AssignmentGrades = {
  assignment: AssignmentView;
  learners: { userId: string; email: string; name: string; submission: SubmissionView | null; submissions: number }[];
};

/** The instructor's grade sheet: every learner of the classroom with their latest submission (or none). */
export async function assignmentGrades(deps: LabsDeps, actor: PlatformUser, assignmentId: string): Promise<AssignmentGrades> {
  const assignment = await requireAssignmentInstructor(deps.prisma, actor, assignmentId);
  const [members, submissions] = await Promise.all([
    deps.prisma.membership.findMany({
      where: { classroomId: assignment.classroomId, role: "LEARNER" },
      include: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { joinedAt: "asc" },
    }),
    deps.prisma.submission.findMany({ where: { assignmentId }, orderBy: { submittedAt: "desc" } }),
  ]);
  const learners = members.map((m) => {
    const theirs = submissions.filter((s) => s.userId === m.userId);
    const latest = theirs[0];
    return { userId: m.user.id, email: m.user.email, name: m.user.name, submission: latest ? submissionView(latest) : null, submissions: theirs.length };
  });
  return { assignment: assignmentView(assignment), learners };
}

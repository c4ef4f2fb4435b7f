import type { PlatformUser } from "../auth/platform-user";
import { Forbidden } from "../platform-errors";
import { requireAssignmentLearner } from "./assignment-access";
import { gradeLab, type GradedCheck } from "./grade-lab";
import type { LabsDeps } from "./labs-deps";
import { findLab } from "./lab-source";

export type SubmissionView = {
  id: string;
  assignmentId: string;
  submittedAt: string;
  late: boolean;
  score: number;
  maxScore: number;
  results: GradedCheck[];
  regradedAt: string | null;
};

/**
 * A learner hands in an assignment: the whole lab is graded here, from their namespace (their membership's, never
 * the request's) as it is at this moment. Submitting again adds a newer submission; after the deadline it is
 * marked late rather than refused, and the instructor decides what late means.
 */
export async function submitAssignment(deps: LabsDeps, actor: PlatformUser, assignmentId: string): Promise<SubmissionView> {
  const { assignment, namespace } = await requireAssignmentLearner(deps.prisma, actor, assignmentId);
  const now = deps.now();
  if (now.getTime() < assignment.opensAt.getTime()) throw new Forbidden(`This assignment opens at ${assignment.opensAt.toISOString()}; submit it after that.`);
  const lab = await findLab(deps.labs, assignment.labSlug);
  const grade = await gradeLab(deps, lab, { userId: actor.id, namespace });
  // Late against the learner's own deadline: extra time an instructor granted replaces the assignment's.
  const extension = await deps.prisma.assignmentExtension.findUnique({ where: { assignmentId_userId: { assignmentId, userId: actor.id } }, select: { dueAt: true } });
  const dueAt = extension?.dueAt ?? assignment.dueAt;
  const submission = await deps.prisma.submission.create({
    data: { assignmentId, userId: actor.id, namespace, submittedAt: now, late: now.getTime() > dueAt.getTime(), ...grade },
  });
  return submissionView(submission);
}

export function submissionView(s: {
  id: string;
  assignmentId: string;
  submittedAt: Date;
  late: boolean;
  score: number;
  maxScore: number;
  results: unknown;
  regradedAt: Date | null;
}): SubmissionView {
  return {
    id: s.id,
    assignmentId: s.assignmentId,
    submittedAt: s.submittedAt.toISOString(),
    late: s.late,
    score: s.score,
    maxScore: s.maxScore,
    results: s.results as GradedCheck[],
    regradedAt: s.regradedAt?.toISOString() ?? null,
  };
}

import type { PlatformUser } from "../auth/platform-user";
import { NotFound } from "../platform-errors";
import { requireAssignmentInstructor } from "./assignment-access";
import { gradeLab } from "./grade-lab";
import type { LabsDeps } from "./labs-deps";
import { findLab } from "./lab-source";
import { submissionView, type SubmissionView } from "./submit-assignment";

/**
 * An instructor regrades a submission against the learner's namespace as it is now (e.g. after fixing a check
 * or granting a second chance). Lateness stays what it was at submission.
 */
export async function regradeSubmission(deps: LabsDeps, actor: PlatformUser, input: { assignmentId: string; submissionId: string }): Promise<SubmissionView> {
  const assignment = await requireAssignmentInstructor(deps.prisma, actor, input.assignmentId);
  const submission = await deps.prisma.submission.findUnique({ where: { id: input.submissionId } });
  if (!submission || submission.assignmentId !== assignment.id) throw new NotFound("That submission does not exist for this assignment.");
  const lab = await findLab(deps.labs, assignment.labSlug);
  const grade = await gradeLab(deps, lab, { userId: submission.userId, namespace: submission.namespace });
  const updated = await deps.prisma.submission.update({ where: { id: submission.id }, data: { ...grade, regradedAt: deps.now() } });
  return submissionView(updated);
}

import { z } from "zod";
import type { PlatformUser } from "../auth/platform-user";
import { Invalid, NotFound } from "../platform-errors";
import { requireAssignmentInstructor } from "../labs/assignment-access";
import type { LabsDeps } from "../labs/labs-deps";

export const grantExtensionInput = z.object({ userId: z.string().min(1).max(100), dueAt: z.coerce.date() });
export type GrantExtensionInput = z.infer<typeof grantExtensionInput>;

export type ExtensionView = { assignmentId: string; userId: string; dueAt: string; grantedAt: string };

/**
 * An instructor gives one learner of the assignment's classroom their own deadline (granting again replaces it).
 * Their submissions' late flags are set again against it, so the grade sheet and the learner agree at once,
 * whether the extra time came before or after they handed in.
 */
export async function grantExtension(deps: Pick<LabsDeps, "prisma" | "now">, actor: PlatformUser, assignmentId: string, input: GrantExtensionInput): Promise<ExtensionView> {
  const assignment = await requireAssignmentInstructor(deps.prisma, actor, assignmentId);
  const membership = await deps.prisma.membership.findUnique({ where: { userId_classroomId: { userId: input.userId, classroomId: assignment.classroomId } } });
  if (membership?.role !== "LEARNER") throw new NotFound("That person is not a learner of this classroom.");
  if (input.dueAt.getTime() <= assignment.opensAt.getTime()) throw new Invalid("The new deadline must be after the assignment opens.");
  const key = { assignmentId, userId: input.userId };
  const [extension] = await deps.prisma.$transaction([
    deps.prisma.assignmentExtension.upsert({
      where: { assignmentId_userId: key },
      create: { ...key, dueAt: input.dueAt, grantedById: actor.id, grantedAt: deps.now() },
      update: { dueAt: input.dueAt, grantedById: actor.id, grantedAt: deps.now() },
    }),
    deps.prisma.submission.updateMany({ where: { ...key, submittedAt: { gt: input.dueAt } }, data: { late: true } }),
    deps.prisma.submission.updateMany({ where: { ...key, submittedAt: { lte: input.dueAt } }, data: { late: false } }),
  ]);
  return { assignmentId, userId: input.userId, dueAt: extension.dueAt.toISOString(), grantedAt: extension.grantedAt.toISOString() };
}

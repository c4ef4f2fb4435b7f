import { z } from "zod";
import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import { Invalid } from "../platform-errors";
import type { LabsDeps } from "./labs-deps";
import { findLab } from "./lab-source";

export const createAssignmentInput = z.object({
  labSlug: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(200).optional(),
  opensAt: z.coerce.date(),
  dueAt: z.coerce.date(),
});
export type CreateAssignmentInput = z.infer<typeof createAssignmentInput>;

export type AssignmentView = { id: string; classroomId: string; labSlug: string; title: string; opensAt: string; dueAt: string };

/** An instructor turns a lab into graded work for their classroom, open from opensAt until dueAt. */
export async function createAssignment(deps: LabsDeps, actor: PlatformUser, classroomId: string, input: CreateAssignmentInput): Promise<AssignmentView> {
  await requireClassroomInstructor(deps.prisma, actor, classroomId);
  const lab = await findLab(deps.labs, input.labSlug);
  if (input.opensAt.getTime() >= input.dueAt.getTime()) throw new Invalid("The assignment must open before it is due.");
  const assignment = await deps.prisma.assignment.create({
    data: { classroomId, labSlug: lab.slug, title: input.title ?? lab.title, opensAt: input.opensAt, dueAt: input.dueAt, createdById: actor.id },
  });
  return assignmentView(assignment);
}

export function assignmentView(a: { id: string; classroomId: string; labSlug: string; title: string; opensAt: Date; dueAt: Date }): AssignmentView {
  return { id: a.id, classroomId: a.classroomId, labSlug: a.labSlug, title: a.title, opensAt: a.opensAt.toISOString(), dueAt: a.dueAt.toISOString() };
}

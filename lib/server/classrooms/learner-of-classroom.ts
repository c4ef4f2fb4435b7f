import type { PrismaClient } from "../db/generated/prisma/client";
import { Invalid, NotFound } from "../platform-errors";

/** A learner's membership of a classroom, with the namespace it holds (for roster actions on that learner). */
export async function learnerOfClassroom(prisma: PrismaClient, classroomId: string, userId: string) {
  const membership = await prisma.membership.findUnique({
    where: { userId_classroomId: { userId, classroomId } },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!membership) throw new NotFound("That person is not in this classroom.");
  if (membership.role !== "LEARNER" || !membership.namespace) throw new Invalid(`${membership.user.email} teaches this classroom; they are not a learner.`);
  return { ...membership, namespace: membership.namespace };
}

import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import type { Classroom, PrismaClient } from "../db/generated/prisma/client";
import { NotFound } from "../platform-errors";

export type WatchableLearner = {
  classroom: Classroom;
  learner: { userId: string; email: string; name: string; namespace: string };
};

/**
 * Who may watch whom: the actor must teach the classroom (requireClassroomInstructor: Forbidden otherwise) and the
 * learner must be one of its LEARNER members with a namespace (NotFound otherwise, so an instructor cannot watch a
 * co-instructor, or a learner of another classroom through this one). Both ids are only keys to look up.
 */
export async function requireWatchableLearner(prisma: PrismaClient, actor: PlatformUser, classroomId: string, learnerId: string): Promise<WatchableLearner> {
  const classroom = await requireClassroomInstructor(prisma, actor, classroomId);
  const membership = await prisma.membership.findUnique({
    where: { userId_classroomId: { userId: learnerId, classroomId } },
    include: { user: { select: { email: true, name: true } } },
  });
  if (!membership || membership.role !== "LEARNER" || !membership.namespace) throw new NotFound("That learner is not in this classroom.");
  return { classroom, learner: { userId: membership.userId, email: membership.user.email, name: membership.user.name, namespace: membership.namespace } };
}

import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import type { Assignment, PrismaClient } from "../db/generated/prisma/client";
import { Forbidden, NotFound } from "../platform-errors";

// Who may do what with an assignment, decided from the Membership table and the session's actor only: the
// assignment id from the client is a key to look up, and a learner's namespace always comes from their membership.

export async function findAssignment(prisma: PrismaClient, assignmentId: string): Promise<Assignment> {
  const assignment = await prisma.assignment.findUnique({ where: { id: assignmentId } });
  if (!assignment) throw new NotFound("That assignment does not exist.");
  return assignment;
}

/** The assignment, if the actor teaches its classroom (or is an admin). */
export async function requireAssignmentInstructor(prisma: PrismaClient, actor: PlatformUser, assignmentId: string): Promise<Assignment> {
  const assignment = await findAssignment(prisma, assignmentId);
  await requireClassroomInstructor(prisma, actor, assignment.classroomId);
  return assignment;
}

/** The assignment and the actor's namespace, if the actor is a learner of its classroom. */
export async function requireAssignmentLearner(prisma: PrismaClient, actor: PlatformUser, assignmentId: string): Promise<{ assignment: Assignment; namespace: string }> {
  const assignment = await findAssignment(prisma, assignmentId);
  const membership = await prisma.membership.findUnique({ where: { userId_classroomId: { userId: actor.id, classroomId: assignment.classroomId } } });
  // Same answer for strangers as for a missing assignment would leak less, but a clear sentence helps more here.
  if (!membership) throw new Forbidden("Only learners of this classroom can submit this assignment.");
  if (membership.role !== "LEARNER" || !membership.namespace) throw new Forbidden("Instructors do not submit assignments; learners do.");
  return { assignment, namespace: membership.namespace };
}

/** The actor's learner namespace for labs outside assignments: their most recent learner membership. */
export async function requireLearnerNamespace(prisma: PrismaClient, actor: PlatformUser): Promise<string> {
  const membership = await prisma.membership.findFirst({
    where: { userId: actor.id, role: "LEARNER", namespace: { not: null } },
    orderBy: { joinedAt: "desc" },
  });
  if (!membership?.namespace) throw new Forbidden("Join a classroom first: labs are checked in your classroom namespace.");
  return membership.namespace;
}

import type { PlatformUser } from "../auth/platform-user";
import type { Classroom, Membership, PrismaClient } from "../db/generated/prisma/client";
import { Forbidden, NotFound } from "../platform-errors";

// Every classroom permission is decided here, from the Membership table and the actor the session gave us: an id
// from the client is only ever a key to look up, never a claim of access.

async function findClassroom(prisma: PrismaClient, classroomId: string): Promise<Classroom> {
  const classroom = await prisma.classroom.findUnique({ where: { id: classroomId } });
  if (!classroom) throw new NotFound("That classroom does not exist.");
  return classroom;
}

/** The classroom, if the actor teaches it (owner or co-instructor) or is a platform admin. */
export async function requireClassroomInstructor(prisma: PrismaClient, actor: PlatformUser, classroomId: string): Promise<Classroom> {
  const classroom = await findClassroom(prisma, classroomId);
  if (actor.role === "ADMIN" || classroom.ownerId === actor.id) return classroom;
  const membership = await prisma.membership.findUnique({ where: { userId_classroomId: { userId: actor.id, classroomId } } });
  if (membership?.role !== "INSTRUCTOR") throw new Forbidden("Only the instructors of this classroom can do that.");
  return classroom;
}

/** The classroom, if the actor owns it or is a platform admin (adding instructors is the owner's call). */
export async function requireClassroomOwner(prisma: PrismaClient, actor: PlatformUser, classroomId: string): Promise<Classroom> {
  const classroom = await findClassroom(prisma, classroomId);
  if (actor.role !== "ADMIN" && classroom.ownerId !== actor.id) throw new Forbidden("Only the owner of this classroom can do that.");
  return classroom;
}

/** The actor's own membership of the classroom (as learner or instructor). */
export async function requireMembership(prisma: PrismaClient, actor: PlatformUser, classroomId: string): Promise<Membership & { classroom: Classroom }> {
  const membership = await prisma.membership.findUnique({
    where: { userId_classroomId: { userId: actor.id, classroomId } },
    include: { classroom: true },
  });
  if (!membership) throw new NotFound("You are not a member of that classroom.");
  return membership;
}

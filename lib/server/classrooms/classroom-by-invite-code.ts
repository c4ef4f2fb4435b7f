import type { PrismaClient } from "../db/generated/prisma/client";

export type InvitedClassroom = { id: string; name: string; slug: string; instructorEmails: string[] };

const inFlight = new WeakMap<PrismaClient, Map<string, Promise<InvitedClassroom | undefined>>>();

/**
 * The classroom an invite code opens, with its instructors (the subjects of each learner namespace's admin
 * binding). Lookups of the same code that overlap share one query: a whole class typing the code at once asks
 * the database once, not once per learner. A lookup that starts after the query returned asks afresh.
 */
export function classroomByInviteCode(prisma: PrismaClient, code: string): Promise<InvitedClassroom | undefined> {
  let pending = inFlight.get(prisma);
  if (!pending) inFlight.set(prisma, (pending = new Map<string, Promise<InvitedClassroom | undefined>>()));
  const shared = pending.get(code);
  if (shared) return shared;
  const lookup = find(prisma, code).finally(() => pending.delete(code));
  pending.set(code, lookup);
  return lookup;
}

async function find(prisma: PrismaClient, code: string): Promise<InvitedClassroom | undefined> {
  const classroom = await prisma.classroom.findUnique({
    where: { inviteCode: code },
    select: { id: true, name: true, slug: true, memberships: { where: { role: "INSTRUCTOR" }, select: { user: { select: { email: true } } } } },
  });
  if (!classroom) return undefined;
  return { id: classroom.id, name: classroom.name, slug: classroom.slug, instructorEmails: classroom.memberships.map((m) => m.user.email) };
}

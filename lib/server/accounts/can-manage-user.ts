import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";

/**
 * May `actor` manage `targetId`'s account (e.g. hand them a password reset link)? An admin may manage anyone;
 * an instructor only a learner of a classroom they teach (as owner or co-instructor), decided from the
 * Membership table. Only accounts whose platform role is LEARNER are in an instructor's reach, so a class
 * roster can never become a way into an instructor's or an admin's account.
 */
export async function canManageUser(prisma: PrismaClient, actor: PlatformUser, targetId: string): Promise<boolean> {
  if (actor.role === "ADMIN") return true;
  if (actor.role !== "INSTRUCTOR" || targetId === actor.id) return false;
  const shared = await prisma.membership.findFirst({
    where: {
      userId: targetId,
      role: "LEARNER",
      user: { role: "LEARNER" },
      classroom: { OR: [{ ownerId: actor.id }, { memberships: { some: { userId: actor.id, role: "INSTRUCTOR" } } }] },
    },
    select: { id: true },
  });
  return shared !== null;
}

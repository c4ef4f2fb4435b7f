import type { PrismaClient } from "../db/generated/prisma/client";
import { isUniqueViolation } from "../classrooms/unique-violation";
import type { SessionSubject } from "./sign-in-with-password";

/** What an identity provider vouched for: an e-mail address it has verified, and a display name. */
export type VerifiedIdentity = { email: string; name: string };

/**
 * The account for a verified e-mail address from GitHub or an OIDC provider: the existing one (whatever way it
 * was made, so a learner who signed up with a password can later use their provider too), or a new learner.
 */
export async function linkOAuthUser(prisma: PrismaClient, identity: VerifiedIdentity): Promise<SessionSubject> {
  const email = identity.email.trim().toLowerCase();
  const select = { id: true, sessionVersion: true } as const;
  const existing = await prisma.user.findUnique({ where: { email }, select });
  if (existing) return existing;
  try {
    return await prisma.user.create({ data: { email, name: identity.name.trim().slice(0, 100) || email, role: "LEARNER" }, select });
  } catch (error) {
    // Two first sign-ins at once: the other one made the account.
    if (!isUniqueViolation(error)) throw error;
    return prisma.user.findUniqueOrThrow({ where: { email }, select });
  }
}

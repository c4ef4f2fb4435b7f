import { generateToken, hashToken } from "../auth/api-tokens";
import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";
import { Forbidden, NotFound } from "../platform-errors";
import { canManageUser } from "./can-manage-user";

export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

export type PasswordResetDeps = { prisma: PrismaClient; publicUrl: string; now: () => Date };

export type PasswordResetLink = { url: string; expiresAt: Date; email: string };

/**
 * A one-time link to set a new password, for an instructor to hand to a learner of theirs (or an admin to
 * anyone). Only the token's hash is stored; a new link replaces the person's earlier unused ones.
 */
export async function createPasswordReset(deps: PasswordResetDeps, actor: PlatformUser, input: { userId: string }): Promise<PasswordResetLink> {
  if (actor.role === "LEARNER") throw new Forbidden("Only instructors and admins can make password reset links.");
  // Someone outside the actor's reach gets the same answer as no one at all: ids are not a way to probe accounts.
  const missing = () => new NotFound("No learner of yours has that id.");
  if (!(await canManageUser(deps.prisma, actor, input.userId))) throw missing();
  const user = await deps.prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user) throw missing();

  const token = generateToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  await deps.prisma.$transaction([
    deps.prisma.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    deps.prisma.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), createdById: actor.id, expiresAt } }),
  ]);
  return { url: `${deps.publicUrl.replace(/\/+$/, "")}/reset-password/${token}`, expiresAt, email: user.email };
}

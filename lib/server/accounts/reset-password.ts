import { z } from "zod";
import { hashToken } from "../auth/api-tokens";
import { hashPassword } from "../auth/password";
import type { PrismaClient } from "../db/generated/prisma/client";
import { Invalid } from "../platform-errors";
import { newPasswordSchema } from "./new-password";

export const resetPasswordInput = z.object({ token: z.string().min(1).max(200), password: newPasswordSchema });

export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

const UNUSABLE = "This reset link has expired or was already used. Ask your instructor for a new one.";

/**
 * Sets a new password from a reset link. The link works once and for 24 hours; using it ends every session the
 * person had (sessionVersion is bumped), so whoever knew the old password is signed out too.
 */
export async function resetPassword(deps: { prisma: PrismaClient; now: () => Date }, raw: ResetPasswordInput): Promise<{ email: string }> {
  const input = resetPasswordInput.parse(raw);
  const tokenHash = hashToken(input.token);
  // Hashed before the transaction: scrypt is slow and must not hold a row lock.
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  return deps.prisma.$transaction(async (tx) => {
    const reset = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true } });
    if (!reset) throw new Invalid(UNUSABLE);
    // Claiming the link and checking it in one conditional write: of two uses at once, exactly one wins.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new Invalid(UNUSABLE);
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
    return { email: user.email };
  });
}

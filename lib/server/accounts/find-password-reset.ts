import { hashToken } from "../auth/api-tokens";
import type { PrismaClient } from "../db/generated/prisma/client";

/** Who a reset link is for, while it can still be used (unused, unexpired); otherwise undefined. */
export async function findPasswordReset(deps: { prisma: PrismaClient; now: () => Date }, token: string): Promise<{ email: string; name: string } | undefined> {
  if (token.length > 200) return undefined;
  const reset = await deps.prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, name: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= deps.now()) return undefined;
  return reset.user;
}

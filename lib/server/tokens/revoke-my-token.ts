import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";
import { NotFound } from "../platform-errors";

/**
 * Revokes one of the user's own tokens. Someone else's token id is "not found", exactly like an id that does
 * not exist, so ids cannot be probed. The API stops accepting it within its authenticator's cache time (5 s).
 */
export async function revokeMyToken(deps: { prisma: PrismaClient; now: () => Date }, actor: PlatformUser, tokenId: string): Promise<void> {
  const result = await deps.prisma.apiToken.updateMany({
    where: { id: tokenId, userId: actor.id, revokedAt: null },
    data: { revokedAt: deps.now() },
  });
  if (result.count === 0) {
    const mine = await deps.prisma.apiToken.findFirst({ where: { id: tokenId, userId: actor.id } });
    if (!mine) throw new NotFound("No such token.");
  }
}

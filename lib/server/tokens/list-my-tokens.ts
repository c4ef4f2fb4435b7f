import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";

export type TokenSummary = {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  state: "active" | "expired" | "revoked";
};

/** The user's own API tokens, newest first; never the tokens themselves (only hashes are stored). */
export async function listMyTokens(deps: { prisma: PrismaClient; now: () => Date }, actor: PlatformUser): Promise<TokenSummary[]> {
  const rows = await deps.prisma.apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take: 200 });
  const now = deps.now().getTime();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt.getTime() <= now ? "expired" : "active",
  }));
}

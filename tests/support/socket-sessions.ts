import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { sessionUserFromCookieHeader } from "@/lib/server/auth/session-user";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";

/**
 * Session cookies for socket.io tests: a secret of the test's own, a cookie for a user (as next-auth would set
 * it after sign-in), and the resolveUser a namespace behind requireSession checks it with.
 */
export function socketSessions(prisma: () => PrismaClient) {
  const secret = randomBytes(32).toString("base64url");
  const cookieName = "next-auth.session-token";
  return {
    cookieFor: async (user: PlatformUser) => `${cookieName}=${await encode({ token: { sub: user.id, sessionVersion: 0 }, secret })}`,
    resolveUser: (cookie: string | undefined) => sessionUserFromCookieHeader(cookie, { prisma: prisma(), secret, cookieName }),
  };
}

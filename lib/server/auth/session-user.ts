import { decode } from "next-auth/jwt";
import type { PrismaClient } from "../db/generated/prisma/client";
import { prisma } from "../db/prisma";
import { env } from "../env";
import { authSecret } from "./auth-secret";
import type { PlatformUser } from "./platform-user";

// Sessions without Next's request scope (socket.io handshakes, tests): nothing here imports next/headers.

/** next-auth's cookie names: `__Secure-` prefixed when the site is served over https. */
export function sessionCookieName(secure = env().PUBLIC_URL.startsWith("https:")): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The user a session names, read fresh from the database: a deleted account, a changed role or a bumped
 * sessionVersion (password reset, removal) ends the session on the very next request.
 */
export async function loadSessionUser(db: PrismaClient, claims: { userId?: unknown; sessionVersion?: unknown }): Promise<PlatformUser | undefined> {
  if (typeof claims.userId !== "string" || typeof claims.sessionVersion !== "number") return undefined;
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== claims.sessionVersion) return undefined;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export type CookieSessionDeps = { prisma: PrismaClient; secret: string; cookieName: string };

/**
 * The user behind a raw Cookie header, for socket.io handshakes (outside Next's request scope). Same cookie,
 * same secret and the same database check as currentUser().
 */
export async function sessionUserFromCookieHeader(cookieHeader: string | undefined, deps?: CookieSessionDeps): Promise<PlatformUser | undefined> {
  const { prisma: db, secret, cookieName } = deps ?? { prisma: prisma(), secret: authSecret(), cookieName: sessionCookieName() };
  const token = sessionCookieValue(cookieHeader ?? "", cookieName);
  if (!token) return undefined;
  const claims = await decode({ token, secret }).catch(() => null);
  if (!claims) return undefined;
  return loadSessionUser(db, { userId: claims.sub, sessionVersion: claims.sessionVersion });
}

/** The session cookie's value, joined from next-auth's chunks (`name.0`, `name.1`, …) when it was split. */
export function sessionCookieValue(cookieHeader: string, name: string): string | undefined {
  const chunks = new Map<string, string>();
  for (const pair of cookieHeader.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const key = pair.slice(0, at).trim();
    if (key === name || (key.startsWith(`${name}.`) && /^\d+$/.test(key.slice(name.length + 1)))) {
      chunks.set(key, pair.slice(at + 1).trim());
    }
  }
  if (chunks.has(name)) return decodeCookie(chunks.get(name)!);
  if (chunks.size === 0) return undefined;
  const parts = [...chunks].sort(([a], [b]) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)));
  return decodeCookie(parts.map(([, value]) => value).join(""));
}

function decodeCookie(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/^"|"$/g, ""));
  } catch {
    return undefined;
  }
}

import { getServerSession } from "next-auth/next";
import { cookies } from "next/headers";
import { prisma } from "../db/prisma";
import { authOptions } from "./auth-options";
import type { PlatformUser } from "./platform-user";
import { loadSessionUser, sessionCookieName } from "./session-user";

export { sessionUserFromCookieHeader } from "./session-user";

/** No valid session. Route edges answer 401 (see lib/server/http/json-route.ts); pages redirect to /signin. */
export class Unauthenticated extends Error {
  override name = "Unauthenticated";
  constructor(message = "Sign in first.") {
    super(message);
  }
}

/** The signed-in user of this request (pages, route handlers, server actions), or undefined. */
export async function currentUser(): Promise<PlatformUser | undefined> {
  // Without a session cookie there is nothing to decode (and no reason to build next-auth's options).
  const jar = await cookies();
  if (!jar.getAll().some((cookie) => cookie.name.startsWith(sessionCookieName()))) return undefined;
  const session = await getServerSession(authOptions());
  if (!session) return undefined;
  return loadSessionUser(prisma(), session);
}

/** The signed-in user, or Unauthenticated. */
export async function requireUser(): Promise<PlatformUser> {
  const user = await currentUser();
  if (!user) throw new Unauthenticated();
  return user;
}

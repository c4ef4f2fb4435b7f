import type { UserInfo } from "@/lib/cluster/auth/user-info";
import type { PrismaClient } from "../db/generated/prisma/client";
import { bearerToken, generateToken, hashToken } from "./api-tokens";
import { looksLikeJwt } from "./service-account-jwt";

type PlatformUser = { id: string; email: string; role: "ADMIN" | "INSTRUCTOR" | "LEARNER" };

/**
 * The cluster identity of a platform user. Usernames are e-mail addresses (what RoleBindings name); platform
 * admins are the cluster's superusers; instructors and learners each share a group so one binding covers them all.
 */
export function userInfoFor(user: PlatformUser): UserInfo {
  const groups = ["system:authenticated"];
  if (user.role === "ADMIN") groups.unshift("system:masters");
  if (user.role === "INSTRUCTOR") groups.unshift("kubeclass:instructors");
  if (user.role === "LEARNER") groups.unshift("kubeclass:learners");
  return { username: user.email, uid: user.id, groups };
}

export type TokenAuthenticatorOptions = {
  prisma: PrismaClient;
  /** How long a checked token is trusted without asking the database again (revocation takes this long). */
  cacheMs?: number;
  now?: () => number;
  /** Service account tokens (JWTs from TokenRequest); without it they are refused. */
  serviceAccounts?: (token: string) => Promise<UserInfo | undefined>;
};

type Cached = { user: UserInfo | undefined; tokenId?: string; until: number };

/**
 * Bearer token → user, or undefined (401): platform API tokens (kubeconfigs) from the database, service account
 * tokens by their signature and the ServiceAccount they name. Expired and revoked tokens are refused.
 */
export function createTokenAuthenticator(options: TokenAuthenticatorOptions) {
  const cacheMs = options.cacheMs ?? 5000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  const touched = new Map<string, number>();

  return async (authorization: string | undefined): Promise<UserInfo | undefined> => {
    const token = bearerToken(authorization);
    if (!token) return undefined;
    if (looksLikeJwt(token)) return options.serviceAccounts ? options.serviceAccounts(token) : undefined;
    const hash = hashToken(token);
    const hit = cache.get(hash);
    if (hit && hit.until > now()) return hit.user;
    if (cache.size > 10_000) cache.clear();

    const record = await options.prisma.apiToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
    const valid =
      record && !record.revokedAt && (!record.expiresAt || record.expiresAt.getTime() > now()) ? record : undefined;
    const user = valid ? userInfoFor(valid.user) : undefined;
    cache.set(hash, { user, until: now() + cacheMs, ...(valid ? { tokenId: valid.id } : {}) });
    if (valid && (touched.get(valid.id) ?? 0) < now() - 60_000) {
      touched.set(valid.id, now());
      // When a token was last used helps users prune old kubeconfigs; it need not be exact.
      void options.prisma.apiToken.update({ where: { id: valid.id }, data: { lastUsedAt: new Date(now()) } }).catch(() => undefined);
    }
    return user;
  };
}

/** Creates a token for a user; the plain token is returned once and never stored. */
export async function issueApiToken(
  prisma: PrismaClient,
  userId: string,
  name: string,
  expiresAt?: Date,
): Promise<{ id: string; token: string }> {
  const token = generateToken();
  const record = await prisma.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), ...(expiresAt ? { expiresAt } : {}) },
  });
  return { id: record.id, token };
}

import { hashPassword, verifyPassword } from "../auth/password";
import type { SignInLimiter } from "../auth/sign-in-limit";
import type { PrismaClient } from "../db/generated/prisma/client";
import { TooManyRequests } from "../platform-errors";

export type SignInDeps = { prisma: PrismaClient; limiter: SignInLimiter };

export type SignInInput = { email: string; password: string; /** The client's address, for the rate limit. */ address: string };

/** Who the session is for: the only two things a session token carries. */
export type SessionSubject = { id: string; sessionVersion: number };

// Unknown addresses and accounts without a password still pay for one scrypt, so how long a refusal takes
// does not tell which e-mail addresses have accounts.
let decoy: Promise<string> | undefined;

/**
 * E-mail + password → the account, or undefined when either is wrong (one answer for both). Throws
 * TooManyRequests, before any password is checked, once this client has failed too often.
 */
export async function signInWithPassword(deps: SignInDeps, input: SignInInput): Promise<SessionSubject | undefined> {
  const email = input.email.trim().toLowerCase();
  const attempt = await deps.limiter.begin(email, input.address);
  if (!attempt.allowed) throw new TooManyRequests(attempt.message, Math.ceil(attempt.retryAfterMs / 1000));

  const user = await deps.prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, sessionVersion: true } });
  const stored = user?.passwordHash ?? (await (decoy ??= hashPassword("decoy password, never matches")));
  const matches = (await verifyPassword(input.password, stored)) && Boolean(user?.passwordHash);
  if (!user || !matches) {
    await attempt.failed();
    return undefined;
  }
  await attempt.succeeded();
  return { id: user.id, sessionVersion: user.sessionVersion };
}

import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "../env";
import { logger } from "../logger";
import { connectionState, createRedis } from "../redis";
import { addressBucket } from "./sign-in-limit-client-address";
import { decide, decideAll, tooManyAttemptsMessage, windowIndex, type WindowLimit } from "./sign-in-limit-window";

export type SignInLimits = {
  /** Failures of one e-mail address from one client: a person mistyping, or someone guessing one account. */
  perAccount: WindowLimit;
  /** Failures from one client, whatever the account: someone guessing many accounts. */
  perAddress: WindowLimit;
};

const FIFTEEN_MINUTES = 15 * 60_000;

// 5 per account is plenty for typos. Per client it is 100, not fewer: a whole class often signs in from behind one
// school NAT address, and forty people's typos must not lock the room out. There is deliberately no limit per
// e-mail address alone: anyone could then lock a learner out by failing on purpose with their address.
export const defaultSignInLimits: SignInLimits = {
  perAccount: { limit: 5, windowMs: FIFTEEN_MINUTES },
  perAddress: { limit: 100, windowMs: FIFTEEN_MINUTES },
};

export type SignInAttempt =
  | {
      allowed: true;
      /** The password was right: this account's failures on this address are forgiven. */
      succeeded(): Promise<void>;
      /** The password was wrong: the attempt stays counted. */
      failed(): Promise<void>;
    }
  | { allowed: false; retryAfterMs: number; message: string };

export type SignInLimiter = { begin(email: string, address: string): Promise<SignInAttempt> };

export type SignInLimiterOptions = {
  redis: Redis;
  /** Key prefix, e.g. QUEUE_PREFIX, so installs and test runs sharing a Redis stay apart. */
  prefix: string;
  limits?: SignInLimits;
  now?: () => number;
};

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);
const noop = () => Promise.resolve();

/**
 * Counts every attempt *before* the password is checked (scrypt is slow on purpose, so a refused guess must not
 * get to spend our CPU either) and gives the count back when the attempt is refused or succeeds. Counting first,
 * atomically, means a burst of parallel guesses cannot all slip in under the limit together.
 */
export function createSignInLimiter(options: SignInLimiterOptions): SignInLimiter {
  const { redis, prefix } = options;
  const limits = options.limits ?? defaultSignInLimits;
  const now = options.now ?? Date.now;
  const log = logger("sign-in-limit");
  let warnedAt = -Infinity;

  return {
    async begin(email, address) {
      const client = addressBucket(address);
      const budgets = [
        { name: `account:${digest(`${email.toLowerCase()}\n${client}`)}`, ...limits.perAccount },
        { name: `address:${digest(client)}`, ...limits.perAddress },
      ];
      const at = now();
      const keys = budgets.map((budget) => {
        const index = windowIndex(at, budget.windowMs);
        const base = `${prefix}:sign-in:${budget.name}`;
        return { current: `${base}:${index}`, previous: `${base}:${index - 1}`, ttlMs: 2 * budget.windowMs };
      });
      try {
        await connectionState(redis).firstAttempt;
        const multi = redis.multi();
        for (const key of keys) multi.incr(key.current).pexpire(key.current, key.ttlMs).get(key.previous);
        const replies = await multi.exec();
        if (!replies) throw new Error("the sign-in counters' transaction was aborted");
        const decision = decideAll(
          budgets.map((budget, i) => {
            const [current, , previous] = replies.slice(i * 3, i * 3 + 3).map(([error, value]) => {
              if (error) throw error;
              return Number(value ?? 0);
            });
            return decide({ current: current ?? 0, previous: previous ?? 0 }, budget, at);
          }),
        );
        // The keys were just given a TTL of two windows, so DECR cannot meet a missing key (which it would create).
        const giveBack = () => keys.reduce((m, key) => m.decr(key.current), redis.multi()).exec();
        if (!decision.allowed) {
          await giveBack();
          return { allowed: false, retryAfterMs: decision.retryAfterMs, message: tooManyAttemptsMessage(decision.retryAfterMs) };
        }
        const [account, perAddress] = keys as [(typeof keys)[number], (typeof keys)[number]];
        return {
          allowed: true,
          failed: noop,
          succeeded: async () => {
            await redis
              .multi()
              .del(account.current, account.previous)
              .decr(perAddress.current)
              .exec()
              .catch((error: unknown) => log.debug({ err: error }, "could not clear sign-in failures"));
          },
        };
      } catch (error) {
        // Fail open. With Redis down the platform is already degraded (/healthz says so, the cluster's controllers
        // wait); refusing every sign-in as well would lock a whole class out mid-lesson, silently for them. Guessing
        // stays expensive meanwhile: each attempt costs a full scrypt. Logged, at most once a minute.
        if (at - warnedAt > 60_000) {
          warnedAt = at;
          log.warn({ err: error }, "sign-in rate limit unavailable (Redis): allowing sign-ins without it");
        }
        return { allowed: true, failed: noop, succeeded: noop };
      }
    },
  };
}

/**
 * Sign-ups counted the same way: 3 tries of one e-mail address from one client, 200 accounts an hour from one
 * client (a class of forty behind one school NAT signs up together; a script making thousands of accounts does not
 * get far). Every sign-up stays counted, whether it made an account or not.
 */
export const signUpLimits: SignInLimits = {
  perAccount: { limit: 3, windowMs: FIFTEEN_MINUTES },
  perAddress: { limit: 200, windowMs: 60 * 60_000 },
};

const shared = globalThis as typeof globalThis & { __kubeclassSignInLimiter?: SignInLimiter; __kubeclassSignUpLimiter?: SignInLimiter };

/** The process's sign-up limiter: sign-in's counting, its own keys and budgets. */
export function signUpLimiter(): SignInLimiter {
  shared.__kubeclassSignUpLimiter ??= createSignInLimiter({
    redis: createRedis("sign-up-limit", "fail-fast"),
    prefix: `${env().QUEUE_PREFIX}:sign-up`,
    limits: signUpLimits,
  });
  return shared.__kubeclassSignUpLimiter;
}

/** The process's limiter, on its own fail-fast connection: a sign-in never waits for Redis to come back. */
export function signInLimiter(): SignInLimiter {
  shared.__kubeclassSignInLimiter ??= createSignInLimiter({ redis: createRedis("sign-in-limit", "fail-fast"), prefix: env().QUEUE_PREFIX });
  return shared.__kubeclassSignInLimiter;
}

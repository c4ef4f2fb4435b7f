import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignInLimiter, signUpLimits, type SignInAttempt, type SignInLimits } from "@/lib/server/auth/sign-in-limit";
import { env } from "@/lib/server/env";

// The sign-in limiter against a real Redis: counting, refusing, forgiving, bursts, expiry, and Redis being down.
const MIN = 60_000;
const limits: SignInLimits = { perAccount: { limit: 5, windowMs: 15 * MIN }, perAddress: { limit: 8, windowMs: 15 * MIN } };
// The start of a window, plus a minute: the tests move this clock themselves.
const START = 2_000_000 * limits.perAccount.windowMs + MIN;

let redis: Redis;
const prefix = `kubeclass-test-sign-in-${randomBytes(4).toString("hex")}`;

beforeAll(() => {
  redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function limiterAt(clock: { now: number }, name: string) {
  return createSignInLimiter({ redis, prefix: `${prefix}:${name}`, limits, now: () => clock.now });
}

async function fail(attempt: SignInAttempt): Promise<void> {
  expect(attempt.allowed).toBe(true);
  if (attempt.allowed) await attempt.failed();
}

describe("the sign-in limiter on Redis", () => {
  it("allows five failures per account and address, then refuses with the wait in minutes", async () => {
    const clock = { now: START };
    const limiter = limiterAt(clock, "five");
    for (let i = 0; i < 5; i++) await fail(await limiter.begin("Ada@Example.org", "203.0.113.1"));
    const refused = await limiter.begin("ada@example.org", "203.0.113.1");
    expect(refused).toMatchObject({ allowed: false, message: "Too many sign-in attempts. Try again in 17 minutes." });
    if (!refused.allowed) expect(refused.retryAfterMs).toBe(14 * MIN + 3 * MIN);

    // Other people on the same address, and the same person from another address, are not affected.
    expect((await limiter.begin("grace@example.org", "203.0.113.1")).allowed).toBe(true);
    expect((await limiter.begin("ada@example.org", "198.51.100.1")).allowed).toBe(true);

    // Refused attempts are not counted: waiting the announced time is enough, however often one tried meanwhile.
    for (let i = 0; i < 10; i++) expect((await limiter.begin("ada@example.org", "203.0.113.1")).allowed).toBe(false);
    clock.now += 17 * MIN;
    expect((await limiter.begin("ada@example.org", "203.0.113.1")).allowed).toBe(true);
  });

  it("forgives an account's failures once the password was right", async () => {
    const limiter = limiterAt({ now: START }, "forgive");
    for (let i = 0; i < 3; i++) await fail(await limiter.begin("lin@example.org", "203.0.113.2"));
    const success = await limiter.begin("lin@example.org", "203.0.113.2");
    expect(success.allowed).toBe(true);
    if (success.allowed) await success.succeeded();
    // Three earlier failures and five now: only possible because the success wiped the account's count (and
    // did not count against the address either: 3 + 5 is exactly the address's budget of 8).
    for (let i = 0; i < 5; i++) await fail(await limiter.begin("lin@example.org", "203.0.113.2"));
    expect((await limiter.begin("lin@example.org", "203.0.113.2")).allowed).toBe(false);
  });

  it("limits one address across many accounts", async () => {
    const limiter = limiterAt({ now: START }, "address");
    for (let i = 0; i < 8; i++) await fail(await limiter.begin(`user${i}@example.org`, "203.0.113.3"));
    expect((await limiter.begin("someone-new@example.org", "203.0.113.3")).allowed).toBe(false);
    // An IPv6 host cannot escape by hopping addresses within its /64.
    for (let i = 0; i < 8; i++) await fail(await limiter.begin(`user${i}@example.org`, `2001:db8:7:7::${i + 1}`));
    expect((await limiter.begin("someone-new@example.org", "2001:db8:7:7:ffff::9")).allowed).toBe(false);
    expect((await limiter.begin("someone-new@example.org", "2001:db8:7:8::1")).allowed).toBe(true);
  });

  it("lets no more than the limit through when guesses arrive all at once", async () => {
    const limiter = limiterAt({ now: START }, "burst");
    const attempts = await Promise.all(Array.from({ length: 30 }, () => limiter.begin("burst@example.org", "203.0.113.4")));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(5);
  });

  it("keeps its counters only as long as they matter", async () => {
    const limiter = limiterAt({ now: START }, "ttl");
    await fail(await limiter.begin("ttl@example.org", "203.0.113.5"));
    const keys = await redis.keys(`${prefix}:ttl:*`);
    expect(keys.length).toBe(2);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(29 * MIN);
      expect(ttl).toBeLessThanOrEqual(30 * MIN);
    }
    expect(keys.join(" ")).not.toContain("ttl@example.org");
    expect(keys.join(" ")).not.toContain("203.0.113.5");
  });

  it("fails open, allowing sign-ins, while Redis cannot be reached", async () => {
    const down = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    try {
      const limiter = createSignInLimiter({ redis: down, prefix, limits });
      for (let i = 0; i < 7; i++) {
        const attempt = await limiter.begin("outage@example.org", "203.0.113.6");
        expect(attempt.allowed).toBe(true);
        if (attempt.allowed) await attempt.failed();
      }
    } finally {
      down.disconnect();
    }
  });
});

describe("the sign-up budgets", () => {
  it("let a whole class sign up from one address, but not a script, and one e-mail only three times", async () => {
    const clock = { now: START };
    const limiter = createSignInLimiter({ redis, prefix: `${prefix}:sign-up`, limits: signUpLimits, now: () => clock.now });
    // Forty learners behind one school NAT, and then some.
    for (let i = 0; i < 200; i++) await fail(await limiter.begin(`learner${i}@school.example`, "198.51.100.7"));
    const scripted = await limiter.begin("learner200@school.example", "198.51.100.7");
    expect(scripted.allowed).toBe(false);
    // Another network is not affected; the same address retrying one e-mail is refused after three tries.
    for (let i = 0; i < 3; i++) await fail(await limiter.begin("again@home.example", "192.0.2.9"));
    expect((await limiter.begin("again@home.example", "192.0.2.9")).allowed).toBe(false);
    expect((await limiter.begin("other@home.example", "192.0.2.9")).allowed).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { serviceAccountUser } from "../../auth/subjects";
import type { UserInfo } from "../../auth/user-info";
import { RequestLimiter, type RequestLimiterOptions } from "./request-limiter";

const learner = (email: string): UserInfo => ({ username: email, uid: email, groups: ["system:authenticated"] });
const instructor = (email: string): UserInfo => ({ username: email, uid: email, groups: ["kubeclass:instructors", "system:authenticated"] });
const admin: UserInfo = { username: "root@school.example", uid: "1", groups: ["system:masters", "system:authenticated"] };
const platform: UserInfo = { username: "system:kubeclass:platform", uid: "p", groups: ["system:masters", "system:authenticated"] };
const controller: UserInfo = { username: "system:kube-controller-manager", uid: "", groups: ["system:authenticated"] };
const anonymous: UserInfo = { username: "system:anonymous", uid: "", groups: ["system:unauthenticated"] };

/** A limiter on a clock the test moves by hand. */
function limiter(options: Partial<RequestLimiterOptions> = {}) {
  const clock = { ms: 0 };
  const limits = new RequestLimiter({ learner: { perSecond: 2, burst: 3 }, now: () => clock.ms, ...options });
  return { limits, clock };
}

/** How many of `n` requests in a row are allowed. */
const allowedOf = (limits: RequestLimiter, user: UserInfo, n: number) =>
  Array.from({ length: n }, () => limits.admit(user)).filter((a) => a.allowed).length;

describe("request limiter", () => {
  it("lets a learner's burst through, then refuses with Retry-After from the time to the next token", () => {
    const { limits, clock } = limiter();
    expect(allowedOf(limits, learner("ann@school.example"), 3)).toBe(3);
    expect(limits.admit(learner("ann@school.example"))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.ms = 500;
    expect(limits.admit(learner("ann@school.example"))).toEqual({ allowed: true });
    expect(limits.admit(learner("ann@school.example")).allowed).toBe(false);
  });

  it("rounds the wait up to whole seconds, never below 1", () => {
    const { limits, clock } = limiter({ learner: { perSecond: 0.25, burst: 1 } });
    expect(limits.admit(learner("ann@school.example")).allowed).toBe(true);
    expect(limits.admit(learner("ann@school.example"))).toEqual({ allowed: false, retryAfterSeconds: 4 });
    clock.ms = 3_500;
    expect(limits.admit(learner("ann@school.example"))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("keeps one budget per learner: one learner's flood does not spend another's", () => {
    const { limits } = limiter();
    expect(allowedOf(limits, learner("ann@school.example"), 50)).toBe(3);
    expect(allowedOf(limits, learner("bob@school.example"), 3)).toBe(3);
  });

  it("gives instructors four times a learner's burst and rate", () => {
    const { limits, clock } = limiter();
    expect(allowedOf(limits, instructor("teach@school.example"), 20)).toBe(12);
    clock.ms = 1000;
    expect(allowedOf(limits, instructor("teach@school.example"), 20)).toBe(8);
  });

  it("never limits superusers, the platform, components or anonymous health checks", () => {
    const { limits } = limiter();
    for (const user of [admin, platform, controller, anonymous]) expect(allowedOf(limits, user, 100)).toBe(100);
    expect(limits.trackedUsers).toBe(0);
  });

  it("limits each service account on its own, apart from the learner who runs it", () => {
    const { limits } = limiter();
    const robot = serviceAccountUser("ann", "robot");
    const other = serviceAccountUser("ann", "other");
    expect(allowedOf(limits, learner("ann@school.example"), 3)).toBe(3);
    expect(allowedOf(limits, robot, 10)).toBe(3);
    expect(allowedOf(limits, other, 10)).toBe(3);
    expect(limits.admit(robot)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("applies the new budget when a learner becomes an instructor", () => {
    const { limits } = limiter();
    expect(allowedOf(limits, learner("ann@school.example"), 5)).toBe(3);
    expect(allowedOf(limits, instructor("ann@school.example"), 20)).toBe(12);
  });

  it("forgets idle users' refilled buckets when new users arrive", () => {
    const { limits, clock } = limiter();
    for (let i = 0; i < 50; i++) limits.admit(learner(`l${i}@school.example`));
    expect(limits.trackedUsers).toBe(50);
    // A full bucket refills in 0.5 s (one token at 2/s); after that every bucket equals a fresh one.
    clock.ms = 600;
    limits.admit(learner("late@school.example"));
    expect(limits.trackedUsers).toBe(1);
  });

  it("holds at most maxBuckets users, dropping the least recently used", () => {
    const { limits } = limiter({ maxBuckets: 10 });
    const ann = learner("ann@school.example");
    expect(allowedOf(limits, ann, 5)).toBe(3);
    for (let i = 0; i < 1000; i++) {
      limits.admit(learner(`bot${i}@school.example`));
      // Ann stays busy, so she stays among the most recently used and keeps her (empty) bucket.
      if (i % 5 === 0) expect(limits.admit(ann).allowed).toBe(false);
    }
    expect(limits.trackedUsers).toBe(10);
  });

  it("refuses a budget that could never admit anything", () => {
    expect(() => new RequestLimiter({ learner: { perSecond: 0, burst: 10 }, now: () => 0 })).toThrow(/positive rate/);
    expect(() => new RequestLimiter({ learner: { perSecond: 5, burst: 0 }, now: () => 0 })).toThrow(/burst of at least 1/);
  });
});

import { describe, expect, it } from "vitest";
import { failStreak, learnerStatus, podProblem, type StatusInput } from "./learner-status";

const now = new Date("2030-01-01T12:00:00Z");
const ago = (min: number) => new Date(now.getTime() - min * 60_000);
const base: StatusInput = {
  started: true,
  lastActivityAt: ago(1),
  current: { stepTitle: "Scale it", status: "in-progress" },
  failStreak: { count: 0, checkId: null },
  podProblems: [],
  fullQuota: [],
};
const colour = (input: Partial<StatusInput>) => learnerStatus({ ...base, ...input }, now).colour;

describe("learnerStatus", () => {
  it("greys out learners who never started or are away", () => {
    expect(learnerStatus({ ...base, started: false, lastActivityAt: null, current: null }, now)).toEqual({ colour: "grey", reason: "Not started" });
    expect(colour({ lastActivityAt: ago(31) })).toBe("grey");
    // Away beats a broken pod: nobody is there to help right now.
    expect(colour({ lastActivityAt: ago(45), podProblems: ["web: CrashLoopBackOff"] })).toBe("grey");
  });

  it("is red for a failing pod, amber when stuck, idle mid-step or out of quota", () => {
    expect(learnerStatus({ ...base, podProblems: ["web: CrashLoopBackOff"] }, now)).toEqual({ colour: "red", reason: "Pod web: CrashLoopBackOff" });
    expect(colour({ failStreak: { count: 3, checkId: "replicas" } })).toBe("amber");
    expect(colour({ failStreak: { count: 2, checkId: "replicas" } })).toBe("green");
    expect(learnerStatus({ ...base, lastActivityAt: ago(12) }, now).reason).toBe("Idle 12 min on Scale it");
    expect(colour({ fullQuota: ["pods"] })).toBe("amber");
  });

  it("is green while progressing, and idle after a passed step is not stuck", () => {
    expect(learnerStatus(base, now)).toEqual({ colour: "green", reason: "Working on Scale it" });
    expect(colour({ lastActivityAt: ago(15), current: { stepTitle: "Scale it", status: "passed" } })).toBe("green");
  });
});

describe("failStreak", () => {
  const attempt = (...failing: string[]) => ({ passed: failing.length === 0, results: ["a", "b"].map((id) => ({ id, passed: !failing.includes(id) })) });
  it("counts the newest attempts in a row failing the same check", () => {
    expect(failStreak([])).toEqual({ count: 0, checkId: null });
    expect(failStreak([attempt(), attempt("a")])).toEqual({ count: 0, checkId: null });
    expect(failStreak([attempt("a"), attempt("a", "b"), attempt("b"), attempt("a")])).toEqual({ count: 2, checkId: "a" });
    expect(failStreak([attempt("a", "b"), attempt("b"), attempt("b"), attempt("a")])).toEqual({ count: 3, checkId: "b" });
  });
});

describe("podProblem", () => {
  it("names pods whose containers cannot run, not those still starting", () => {
    expect(podProblem({ metadata: { name: "web" }, status: { phase: "Pending", containerStatuses: [{ state: { waiting: { reason: "ImagePullBackOff" } } }] } })).toBe("web: ImagePullBackOff");
    expect(podProblem({ metadata: { name: "web" }, status: { phase: "Running", containerStatuses: [{ state: { waiting: { reason: "CrashLoopBackOff" } } }] } })).toBe("web: CrashLoopBackOff");
    expect(podProblem({ metadata: { name: "job" }, status: { phase: "Failed" } })).toBe("job: Failed");
    expect(podProblem({ metadata: { name: "web" }, status: { phase: "Pending", containerStatuses: [{ state: { waiting: { reason: "ContainerCreating" } } }] } })).toBeUndefined();
  });
});

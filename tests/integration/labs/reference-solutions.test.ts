import { describe, expect, it } from "vitest";
import type { Lab } from "@/lib/labs/lab-schema";
import {
  enterStep,
  evaluate,
  evaluateUntilPassed,
  failures,
  loadAllLabs,
  replayStepsBefore,
  runSolution,
  settle,
  wrongAttempts,
} from "./lab-walkthrough";
import { useLearnerWorld } from "./learner-world";

// Issue 7, "done means" 1: every lab's reference solution, typed into the real shell and kubectl as a learner in a
// fresh namespace with controllers running, passes every check; and every check has a wrong attempt that makes it
// fail with its message, so a task and its checker cannot drift apart.
const world = useLearnerWorld();
// LABS=05-namespaces,08-ingress runs only those labs (while writing one); CI runs them all.
const only = process.env.LABS?.split(",").filter(Boolean);
const labs = (await loadAllLabs()).filter((lab) => !only || only.includes(lab.dir));
const attemptsByLab = new Map(await Promise.all(labs.map(async (lab) => [lab.dir, await wrongAttempts(lab)] as const)));

it.skipIf(only)("finds the labs", () => {
  expect(labs.map((lab) => lab.dir)).toEqual(expect.arrayContaining(["04-pods", "06-deployments", "07-services"]));
});

// Every run has its own namespace, so labs and their wrong attempts run side by side (vitest's maxConcurrency at a
// time), except where a lab's manifests claim a fixed nodePort: that port is cluster-wide, and two namespaces
// cannot hold it at once, so that lab's runs take turns.
const turns = new Map<string, Promise<void>>();
async function inTurn<T>(lab: Lab, run: () => Promise<T>): Promise<T> {
  const fixedNodePort = lab.steps.some((s) => s.starterFiles.some((f) => /nodePort:/.test(f.content)));
  if (!fixedNodePort) return run();
  const before = turns.get(lab.dir) ?? Promise.resolve();
  let done!: () => void;
  turns.set(lab.dir, new Promise<void>((resolve) => (done = resolve)));
  await before;
  try {
    return await run();
  } finally {
    done();
  }
}

describe.concurrent.each(labs.map((lab) => [lab.dir, lab] as const))("%s", (_dir, lab) => {
  const attempts = attemptsByLab.get(lab.dir) ?? {};

  it("has a wrong attempt for every check, naming only the step's own checks", () => {
    for (const step of lab.steps) {
      const ids = step.checks.map((c) => c.id);
      const failed = new Set((attempts[step.id] ?? []).flatMap((a) => a.fails));
      expect([...failed].filter((id) => !ids.includes(id)), `step ${step.id}: unknown check ids`).toEqual([]);
      expect(ids.filter((id) => !failed.has(id)), `step ${step.id}: checks no wrong attempt fails`).toEqual([]);
    }
    expect(Object.keys(attempts).filter((id) => !lab.steps.some((s) => s.id === id)), "wrong attempts for unknown steps").toEqual([]);
  });

  it.concurrent("the reference solution passes every check of every step", () =>
    inTurn(lab, async () => {
      const run = await world.freshLearner();
      try {
        for (const step of lab.steps) {
          const startedAt = await enterStep(run, step);
          await runSolution(run, step.solution);
          const outcome = await evaluateUntilPassed(lab, step, run, startedAt);
          expect(failures(outcome), `step ${step.id}`).toEqual([]);
        }
      } finally {
        await run.dispose();
      }
    }),
  180_000);

  const cases = lab.steps.flatMap((step, index) =>
    (attempts[step.id] ?? []).map((attempt, n) => [`${step.id} #${n + 1}`, index, attempt] as const),
  );
  it.concurrent.each(cases)("wrong attempt %s fails its checks with a message", (_name, index, attempt) =>
    inTurn(lab, async () => {
      const step = lab.steps[index]!;
      const run = await world.freshLearner();
      try {
        await replayStepsBefore(lab, index, run);
        const startedAt = await enterStep(run, step);
        // A wrong attempt may well fail half-way (a typo'd name): what it leaves behind is what gets checked.
        for (const line of attempt.solution) await run.line(line);
        await settle(world, run);
        const outcome = await evaluate(lab, step, run, startedAt);
        for (const id of attempt.fails) {
          const result = outcome.results.find((r) => r.id === id);
          expect(result?.passed, `${id} should fail: ${result?.message}`).toBe(false);
          expect(result?.message, id).toMatch(/\S/);
          expect(result?.message, id).not.toMatch(/^could not evaluate/);
        }
      } finally {
        await run.dispose();
      }
    }),
  180_000);
});

import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { Check } from "@/lib/labs/check-schema";
import { evaluateStep } from "@/lib/labs/evaluate";
import type { Lab, LabStep } from "@/lib/labs/lab-schema";
import { loadLabs } from "@/lib/labs/load-labs";
import { repoRoot } from "../../support/processes";
import { settleNamespaces } from "../kubectl-parity/settle";
import type { LearnerRun, LearnerWorld } from "./learner-world";

export const labsRoot = join(repoRoot, "labs");

/** Every lab in labs/, loaded as the server loads them. */
export function loadAllLabs(): Promise<Lab[]> {
  return loadLabs(labsRoot, { readFile, readdir });
}

// A wrong attempt: shell lines a learner might type instead of the solution, and the checks they must fail.
// Kept beside lab.yaml in wrong-attempts.yaml (keyed by step id) because the lab format's step is strict.
const wrongAttemptsFile = z.record(z.string(), z.array(z.strictObject({ solution: z.array(z.string()).min(1), fails: z.array(z.string()).min(1) })));
export type WrongAttempt = { solution: string[]; fails: string[] };

export async function wrongAttempts(lab: Lab): Promise<Record<string, WrongAttempt[]>> {
  try {
    return wrongAttemptsFile.parse(parse(await readFile(join(labsRoot, lab.dir, "wrong-attempts.yaml"), "utf8")));
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return {};
    throw error;
  }
}

export type StepOutcome = { passed: boolean; results: { id: string; passed: boolean; message: string }[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const watchesEvents = (checks: Check[]): boolean =>
  checks.some((c) => c.type === "eventSeen" || ((c.type === "all" || c.type === "any") && watchesEvents(c.checks)));

/**
 * Enters a step as the lab page does (starter files into the home, setup objects into the namespace) and
 * returns when it started, the time commandRun checks count from.
 */
export async function enterStep(run: LearnerRun, step: LabStep): Promise<Date> {
  // History lines of earlier steps must fall strictly before this step's start. eventSeen counts Events from
  // the start of the step's second (their times have whole seconds), so a step that looks at Events starts on a
  // fresh second: the earlier steps' Events must not count for it.
  await sleep(watchesEvents(step.checks) ? 1005 - (Date.now() % 1000) : 2);
  const startedAt = new Date();
  await run.writeFiles(step.starterFiles);
  await run.setup(step.setup.objects);
  return startedAt;
}

export async function evaluate(lab: Lab, step: LabStep, run: LearnerRun, stepStartedAt: Date): Promise<StepOutcome> {
  const result = await evaluateStep(lab, step.id, run.lab, new Date(), { stepStartedAt });
  return { passed: result.passed, results: result.results.map((r) => ({ id: r.id, passed: r.passed, message: r.message })) };
}

/** Evaluates until every check passes (controllers converge a moment after the commands) or time runs out. */
export async function evaluateUntilPassed(lab: Lab, step: LabStep, run: LearnerRun, stepStartedAt: Date, timeoutMs = 15_000): Promise<StepOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await evaluate(lab, step, run, stepStartedAt);
    if (outcome.passed || Date.now() > deadline) return outcome;
    await sleep(200);
  }
}

/** Runs solution lines; every one must succeed, as the reference solution is typed by a learner who knows. */
export async function runSolution(run: LearnerRun, lines: string[]): Promise<void> {
  for (const line of lines) {
    const result = await run.line(line);
    if (result.status !== 0) throw new Error(`\`${line}\` exited ${result.status} in ${run.namespace}: ${result.err || result.out}`);
  }
}

/** Replays steps before `upTo` (their setup and reference solution) until each one's checks pass. */
export async function replayStepsBefore(lab: Lab, upTo: number, run: LearnerRun): Promise<void> {
  for (const step of lab.steps.slice(0, upTo)) {
    const startedAt = await enterStep(run, step);
    await runSolution(run, step.solution);
    const outcome = await evaluateUntilPassed(lab, step, run, startedAt);
    if (!outcome.passed) throw new Error(`replaying ${lab.dir} step ${step.id}: ${failures(outcome).join("; ")}`);
  }
}

/** Lets controllers finish with what a wrong attempt did, so a check fails for the attempt, not for haste. */
export function settle(world: LearnerWorld, run: LearnerRun): Promise<void> {
  return settleNamespaces(world.admin(), [run.namespace], 8_000);
}

export function failures(outcome: StepOutcome): string[] {
  return outcome.results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.message}`);
}

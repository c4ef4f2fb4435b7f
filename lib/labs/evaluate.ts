// Runs a step's checks (or a whole lab's) against the learner's namespace and scores them.
import type { Check } from "./check-schema";
import { createEvalContext, type EvalContext } from "./eval-context";
import type { LabCluster } from "./lab-cluster";
import type { Lab } from "./lab-schema";
import { evaluateCanI } from "./checks/access-checks";
import { evaluateConfigMapMounted, evaluateExecOutput } from "./checks/exec-checks";
import { evaluateCommandRun, evaluateEventSeen, evaluateRolloutHappened } from "./checks/history-checks";
import { evaluateHomeFile } from "./checks/home-file-checks";
import { evaluateAbsent, evaluateObjectExists } from "./checks/object-checks";
import { evaluateContainerState, evaluatePodPhase } from "./checks/pod-checks";
import { evaluateReadyPods, evaluateReadyReplicas } from "./checks/replica-checks";
import { evaluateEndpointsReady, evaluateServiceSelects } from "./checks/service-checks";
import type { CheckOutcome } from "./checks/types";

export interface CheckResult {
  id: string;
  passed: boolean;
  message: string;
  points: number;
}

export interface StepResult {
  stepId: string;
  results: CheckResult[];
  score: number;
  maxScore: number;
  passed: boolean;
}

export interface LabResult {
  slug: string;
  steps: StepResult[];
  score: number;
  maxScore: number;
  passed: boolean;
}

async function runLeafOrCombinator(check: Check, ctx: EvalContext): Promise<CheckOutcome> {
  switch (check.type) {
    case "all":
    case "any": {
      const outcomes = await Promise.all(check.checks.map((c) => runCheck(c, ctx)));
      const failed = outcomes.filter((o) => !o.passed).map((o) => o.message);
      if (check.type === "all")
        return failed.length === 0 ? { passed: true, message: outcomes.map((o) => o.message).join("; ") } : { passed: false, message: failed.join("; ") };
      const ok = outcomes.find((o) => o.passed);
      return ok ? ok : { passed: false, message: `none of the alternatives holds: ${failed.join(" / ")}` };
    }
    case "objectExists": return evaluateObjectExists(check, ctx);
    case "absent": return evaluateAbsent(check, ctx);
    case "readyReplicas": return evaluateReadyReplicas(check, ctx);
    case "readyPods": return evaluateReadyPods(check, ctx);
    case "podPhase": return evaluatePodPhase(check, ctx);
    case "containerState": return evaluateContainerState(check, ctx);
    case "serviceSelects": return evaluateServiceSelects(check, ctx);
    case "endpointsReady": return evaluateEndpointsReady(check, ctx);
    case "configMapMounted": return evaluateConfigMapMounted(check, ctx);
    case "execOutput": return evaluateExecOutput(check, ctx);
    case "canI": return evaluateCanI(check, ctx);
    case "eventSeen": return evaluateEventSeen(check, ctx);
    case "rolloutHappened": return evaluateRolloutHappened(check, ctx);
    case "commandRun": return evaluateCommandRun(check, ctx);
    case "homeFile": return evaluateHomeFile(check, ctx);
  }
}

/** A check that throws (cluster unreachable, exec refused) fails with the reason instead of failing the step. */
async function runCheck(check: Check, ctx: EvalContext): Promise<CheckOutcome> {
  try {
    return await runLeafOrCombinator(check, ctx);
  } catch (err) {
    return { passed: false, message: `could not evaluate: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function evaluateWith(lab: Lab, stepId: string, ctx: EvalContext): Promise<StepResult> {
  const step = lab.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`lab ${lab.slug} has no step "${stepId}"`);
  const results = await Promise.all(
    step.checks.map(async (check): Promise<CheckResult> => ({ id: check.id, points: check.points, ...(await runCheck(check, ctx)) })),
  );
  const score = results.reduce((n, r) => n + (r.passed ? r.points : 0), 0);
  const maxScore = results.reduce((n, r) => n + r.points, 0);
  return { stepId, results, score, maxScore, passed: score === maxScore };
}

/** Checks one step. `stepStartedAt` limits events and commands to those since the step began. */
export function evaluateStep(
  lab: Lab,
  stepId: string,
  cluster: LabCluster,
  now: Date,
  options: { stepStartedAt?: Date } = {},
): Promise<StepResult> {
  return evaluateWith(lab, stepId, createEvalContext(cluster, now, options.stepStartedAt));
}

/** Checks every step against the current state (e.g. at submission); lists are shared across steps. */
export async function evaluateLab(lab: Lab, cluster: LabCluster, now: Date = new Date(0)): Promise<LabResult> {
  const ctx = createEvalContext(cluster, now);
  const steps = await Promise.all(lab.steps.map((s) => evaluateWith(lab, s.id, ctx)));
  const score = steps.reduce((n, s) => n + s.score, 0);
  const maxScore = steps.reduce((n, s) => n + s.maxScore, 0);
  return { slug: lab.slug, steps, score, maxScore, passed: score === maxScore };
}

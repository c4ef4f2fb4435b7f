import { evaluateStep } from "@/lib/labs/evaluate";
import type { PlatformUser } from "../auth/platform-user";
import { NotFound } from "../platform-errors";
import { activityBus } from "../realtime/activity-bus";
import { requireLearnerNamespace } from "./assignment-access";
import type { LabsDeps } from "./labs-deps";
import { labClusterFor } from "./lab-cluster-for";
import { findLab } from "./lab-source";

export type CheckStepResult = {
  labSlug: string;
  stepId: string;
  passed: boolean;
  score: number;
  maxScore: number;
  results: { id: string; passed: boolean; message: string }[];
};

/**
 * The Check button: evaluates one step against the signed-in learner's own namespace (from their membership),
 * records the attempt for the instructor's insights, and marks the step passed once every check passes (a later
 * failing attempt does not take a pass away: progress records what the learner achieved).
 */
export async function checkStep(deps: LabsDeps, actor: PlatformUser, input: { labSlug: string; stepId: string }): Promise<CheckStepResult> {
  const namespace = await requireLearnerNamespace(deps.prisma, actor);
  const lab = await findLab(deps.labs, input.labSlug);
  if (!lab.steps.some((s) => s.id === input.stepId)) throw new NotFound(`The lab "${lab.slug}" has no step "${input.stepId}".`);
  const cluster = labClusterFor(deps.api, deps.prisma, { userId: actor.id, namespace }, deps.now);
  const key = { userId: actor.id, labSlug: lab.slug, stepId: input.stepId };
  // Commands and events count from the step's opening (a step never opened looks at all of them).
  const started = await deps.prisma.labProgress.findUnique({ where: { userId_labSlug_stepId: key }, select: { startedAt: true, status: true } });
  const evaluation = await evaluateStep(lab, input.stepId, cluster, deps.now(), started ? { stepStartedAt: started.startedAt } : {});
  const results = evaluation.results.map((r) => ({ id: r.id, passed: r.passed, message: r.message }));
  const [attempt] = await deps.prisma.$transaction([
    deps.prisma.checkAttempt.create({ data: { ...key, namespace, passed: evaluation.passed, results } }),
    deps.prisma.labProgress.upsert({
      where: { userId_labSlug_stepId: key },
      create: { ...key, status: evaluation.passed ? "PASSED" : "IN_PROGRESS", startedAt: deps.now() },
      update: evaluation.passed ? { status: "PASSED" } : {},
    }),
  ]);
  // For the instructor's live views: the attempt, and the step's progress when this attempt changed it.
  const at = attempt.createdAt;
  activityBus.emit({ kind: "check", ...key, passed: evaluation.passed, results, at });
  if (!started || (evaluation.passed && started.status !== "PASSED")) {
    activityBus.emit({ kind: "progress", ...key, status: evaluation.passed ? "PASSED" : "IN_PROGRESS", at });
  }
  return { labSlug: lab.slug, stepId: input.stepId, passed: evaluation.passed, score: evaluation.score, maxScore: evaluation.maxScore, results };
}

import type { PlatformUser } from "../auth/platform-user";
import { isUniqueViolation } from "../classrooms/unique-violation";
import { NotFound } from "../platform-errors";
import { activityBus } from "../realtime/activity-bus";
import { applyStepSetup, type SetupOutcome } from "./apply-step-setup";
import { requireLearnerNamespace } from "./assignment-access";
import type { LabsDeps } from "./labs-deps";
import { findLab } from "./lab-source";
import { writeStarterFiles } from "./write-starter-files";

export type OpenStepResult = { labSlug: string; stepId: string; startedAt: string; firstOpen: boolean; setup: SetupOutcome[]; starterFiles: string[] };

/**
 * A learner opens a step: it counts as started from now (only the first time: commands and events checks look
 * from then on), its setup objects are put into the learner's own namespace and its starter files into their
 * terminal home. The first open puts setup objects back as the step wants them; a later open (a reload, another
 * tab) only recreates what is missing, so it never undoes the learner's work.
 */
export async function openStep(deps: LabsDeps, actor: PlatformUser, input: { labSlug: string; stepId: string }): Promise<OpenStepResult> {
  const namespace = await requireLearnerNamespace(deps.prisma, actor);
  const lab = await findLab(deps.labs, input.labSlug);
  const step = lab.steps.find((s) => s.id === input.stepId);
  if (!step) throw new NotFound(`The lab "${lab.slug}" has no step "${input.stepId}".`);
  const { row, created } = await startedProgress(deps, { userId: actor.id, labSlug: lab.slug, stepId: step.id });
  if (created) activityBus.emit({ kind: "progress", userId: actor.id, labSlug: lab.slug, stepId: step.id, status: "IN_PROGRESS", at: row.startedAt });
  const setup = await applyStepSetup(deps.api, namespace, step.setup.objects, { replace: created });
  const starterFiles = await writeStarterFiles(deps.prisma, actor, step.starterFiles);
  return { labSlug: lab.slug, stepId: step.id, startedAt: row.startedAt.toISOString(), firstOpen: created, setup, starterFiles };
}

/** The step's progress row, made now if this is its first open; two opens at once agree on one row. */
async function startedProgress(deps: LabsDeps, key: { userId: string; labSlug: string; stepId: string }) {
  const where = { userId_labSlug_stepId: key };
  const existing = await deps.prisma.labProgress.findUnique({ where });
  if (existing) return { row: existing, created: false };
  try {
    return { row: await deps.prisma.labProgress.create({ data: { ...key, status: "IN_PROGRESS", startedAt: deps.now() } }), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { row: await deps.prisma.labProgress.findUniqueOrThrow({ where }), created: false };
  }
}

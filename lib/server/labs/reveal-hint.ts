import type { PlatformUser } from "../auth/platform-user";
import { NotFound } from "../platform-errors";
import type { LabsDeps } from "./labs-deps";
import { findLab } from "./lab-source";

export type RevealHintResult = { labSlug: string; stepId: string; hints: string[]; hintsTotal: number };

/**
 * Shows the learner the step's next hint (hints come one by one, in order) and returns every hint shown so far.
 * Once all are shown, asking again shows nothing new. The count only ever grows, by one per request, even when
 * two requests race: the increment is conditional in the database.
 */
export async function revealHint(deps: LabsDeps, actor: PlatformUser, input: { labSlug: string; stepId: string }): Promise<RevealHintResult> {
  const lab = await findLab(deps.labs, input.labSlug);
  const step = lab.steps.find((s) => s.id === input.stepId);
  if (!step) throw new NotFound(`The lab "${lab.slug}" has no step "${input.stepId}".`);
  const total = step.hints.length;
  const key = { userId: actor.id, labSlug: lab.slug, stepId: step.id };
  // Make the row if this is the step's first touch, then raise the count where it is still below the total.
  await deps.prisma.labProgress.upsert({ where: { userId_labSlug_stepId: key }, create: { ...key, status: "IN_PROGRESS", startedAt: deps.now() }, update: {} });
  await deps.prisma.labProgress.updateMany({ where: { ...key, hintsShown: { lt: total } }, data: { hintsShown: { increment: 1 } } });
  const row = await deps.prisma.labProgress.findUniqueOrThrow({ where: { userId_labSlug_stepId: key }, select: { hintsShown: true } });
  return { labSlug: lab.slug, stepId: step.id, hints: step.hints.slice(0, row.hintsShown), hintsTotal: total };
}

import type { PlatformUser } from "../auth/platform-user";
import { isUniqueViolation } from "../classrooms/unique-violation";
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
  // Make the row if this is the step's first touch (two first touches at once: one creates it, the other finds it)…
  try {
    await deps.prisma.labProgress.upsert({ where: { userId_labSlug_stepId: key }, create: { ...key, status: "IN_PROGRESS", startedAt: deps.now() }, update: {} });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // …then raise the count where it is still below the total, and answer with the count this request made, so
  // racing requests each see their own hint (1, 2, …) rather than whatever the last one left.
  const raised = await deps.prisma.$queryRaw<{ hints_shown: number }[]>`
    UPDATE lab_progress SET hints_shown = hints_shown + 1, updated_at = ${deps.now()}
    WHERE user_id = ${key.userId} AND lab_slug = ${key.labSlug} AND step_id = ${key.stepId} AND hints_shown < ${total}
    RETURNING hints_shown`;
  const shown =
    raised[0]?.hints_shown ??
    (await deps.prisma.labProgress.findUniqueOrThrow({ where: { userId_labSlug_stepId: key }, select: { hintsShown: true } })).hintsShown;
  return { labSlug: lab.slug, stepId: step.id, hints: step.hints.slice(0, shown), hintsTotal: total };
}

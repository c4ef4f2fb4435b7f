import type { PlatformUser } from "../auth/platform-user";
import type { LabsDeps } from "./labs-deps";
import { findLab } from "./lab-source";

export type LabProgressView = {
  labSlug: string;
  steps: { stepId: string; title: string; status: "NOT_STARTED" | "IN_PROGRESS" | "PASSED"; hintsShown: number; hints: string[]; hintsTotal: number; startedAt: string | null }[];
  passedSteps: number;
};

/** The signed-in learner's progress through one lab, step by step in the lab's order. */
export async function labProgress(deps: LabsDeps, actor: PlatformUser, labSlug: string): Promise<LabProgressView> {
  const lab = await findLab(deps.labs, labSlug);
  const rows = await deps.prisma.labProgress.findMany({ where: { userId: actor.id, labSlug: lab.slug } });
  const byStep = new Map(rows.map((row) => [row.stepId, row]));
  const steps = lab.steps.map((step) => {
    const row = byStep.get(step.id);
    const hintsShown = Math.min(row?.hintsShown ?? 0, step.hints.length);
    return {
      stepId: step.id,
      title: step.title,
      status: row?.status ?? ("NOT_STARTED" as const),
      hintsShown,
      // The text of the hints already revealed, so a reload shows them again; the rest stay on the server.
      hints: step.hints.slice(0, hintsShown),
      hintsTotal: step.hints.length,
      startedAt: row?.startedAt.toISOString() ?? null,
    };
  });
  return { labSlug: lab.slug, steps, passedSteps: steps.filter((s) => s.status === "PASSED").length };
}

import { cellKey, type QuotaUse, type RosterRow } from "./dashboard-types";
import { currentStep, labPassed, learnerCells, startedLabsProgress, type LabShape, type LatestAttempt, type ProgressFact } from "./lab-progress-summary";
import { failStreak, learnerStatus } from "./learner-status";
import { fullQuota } from "./quota-use";

export type RosterRowInput = {
  learner: { userId: string; name: string; email: string; namespace: string | null };
  /** Labs in catalogue order; assignedSlugs: the classroom's assigned labs, in that order too. */
  labs: readonly LabShape[];
  assignedSlugs: readonly string[];
  progress: readonly ProgressFact[];
  latest: readonly LatestAttempt[];
  /** The last attempts at the current step, newest first. */
  currentAttempts: readonly { passed: boolean; results: readonly { id: string; passed: boolean; message: string }[] }[];
  lastActivityAt: Date | null;
  health: { quota: QuotaUse[]; podProblems: string[] };
};

/** One learner's roster row, from the facts the dashboard read for them. */
export function rosterRow(input: RosterRowInput, now: Date): RosterRow {
  const { learner, labs, progress } = input;
  const cells = learnerCells(progress, input.latest);
  const current = currentStep(progress);
  const lab = current ? labs.find((l) => l.slug === current.labSlug) : undefined;
  const step = current ? lab?.steps.find((s) => s.id === current.stepId) : undefined;
  const currentView = current
    ? {
        labSlug: current.labSlug,
        labTitle: lab?.title ?? current.labSlug,
        stepId: current.stepId,
        stepTitle: step?.title ?? current.stepId,
        status: cells[cellKey(current.labSlug, current.stepId)] ?? "in-progress",
      }
    : null;
  const newest = input.currentAttempts[0];
  const failingChecks = newest && !newest.passed ? newest.results.filter((r) => !r.passed).map((r) => ({ id: r.id, message: r.message })) : [];
  const streak = failStreak(input.currentAttempts);
  const assigned = input.assignedSlugs.flatMap((slug) => {
    const l = labs.find((x) => x.slug === slug);
    return l ? [{ labSlug: slug, title: l.title, passed: labPassed(l, progress), total: l.steps.length }] : [];
  });
  const status = learnerStatus(
    {
      started: progress.length > 0,
      lastActivityAt: input.lastActivityAt,
      current: currentView,
      failStreak: streak,
      podProblems: input.health.podProblems,
      fullQuota: fullQuota(input.health.quota),
    },
    now,
  );
  return {
    ...learner,
    current: currentView,
    progress: startedLabsProgress(labs, progress),
    assigned,
    lastActivityAt: input.lastActivityAt?.toISOString() ?? null,
    failingChecks,
    failStreak: streak.count,
    quota: input.health.quota,
    podProblems: input.health.podProblems,
    status,
    cells,
  };
}

import { cellKey, type CellStatus, type HeatmapColumn } from "./dashboard-types";

// Progress maths and heatmap cells from a learner's progress rows and latest check attempts.

export type LabShape = { slug: string; title: string; steps: readonly { id: string; title: string }[] };
export type ProgressFact = { labSlug: string; stepId: string; status: "IN_PROGRESS" | "PASSED"; updatedAt: Date };
/** The latest check attempt at one step. */
export type LatestAttempt = { labSlug: string; stepId: string; passed: boolean };

export function cellStatus(progress: ProgressFact | undefined, latest: LatestAttempt | undefined): CellStatus {
  if (!progress) return latest ? (latest.passed ? "in-progress" : "failing") : "not-started";
  if (progress.status === "PASSED") return "passed";
  return latest && !latest.passed ? "failing" : "in-progress";
}

/** Every step the learner opened or checked, by `${lab}/${step}`. */
export function learnerCells(progress: readonly ProgressFact[], latest: readonly LatestAttempt[]): Record<string, CellStatus> {
  const byKey = new Map(progress.map((p) => [cellKey(p.labSlug, p.stepId), p]));
  const attempts = new Map(latest.map((a) => [cellKey(a.labSlug, a.stepId), a]));
  const cells: Record<string, CellStatus> = {};
  for (const key of new Set([...byKey.keys(), ...attempts.keys()])) cells[key] = cellStatus(byKey.get(key), attempts.get(key));
  return cells;
}

/** The step touched last: the most recently updated progress row (ties: the later step of the lab). */
export function currentStep(progress: readonly ProgressFact[]): ProgressFact | undefined {
  let best: ProgressFact | undefined;
  for (const p of progress) if (!best || p.updatedAt.getTime() >= best.updatedAt.getTime()) best = p;
  return best;
}

/** Passed steps of one lab, counting only steps the lab still has (a renamed step no longer counts). */
export function labPassed(lab: LabShape, progress: readonly ProgressFact[]): number {
  const ids = new Set(lab.steps.map((s) => s.id));
  return progress.filter((p) => p.labSlug === lab.slug && p.status === "PASSED" && ids.has(p.stepId)).length;
}

/** Passed steps out of all steps of the labs the learner started (opened any step of). */
export function startedLabsProgress(labs: readonly LabShape[], progress: readonly ProgressFact[]): { passed: number; total: number } {
  const started = new Set(progress.map((p) => p.labSlug));
  let passed = 0;
  let total = 0;
  for (const lab of labs) {
    if (!started.has(lab.slug)) continue;
    passed += labPassed(lab, progress);
    total += lab.steps.length;
  }
  return { passed, total };
}

/**
 * The heatmap's columns: every step of the assigned labs and of any lab a learner started, labs in the given
 * (catalogue) order, steps in the lab's order.
 */
export function heatmapColumns(labs: readonly LabShape[], assignedSlugs: Iterable<string>, startedSlugs: Iterable<string>): HeatmapColumn[] {
  const wanted = new Set([...assignedSlugs, ...startedSlugs]);
  return labs
    .filter((lab) => wanted.has(lab.slug))
    .flatMap((lab) => lab.steps.map((step) => ({ key: cellKey(lab.slug, step.id), labSlug: lab.slug, labTitle: lab.title, stepId: step.id, stepTitle: step.title })));
}

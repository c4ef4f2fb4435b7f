import { cellKey, type CheckInsight, type StepInsight } from "./dashboard-types";
import type { LabShape } from "./lab-progress-summary";

/** One learner's failures of one check with one message at one step (what the database groups to). */
export type FailureFact = { labSlug: string; stepId: string; checkId: string; message: string; userId: string; failures: number };
/** The learners who checked a step at all. */
export type TriedFact = { labSlug: string; stepId: string; learners: number };

/**
 * Class-wide insights: per lab step, the checks that failed for the most learners, each with its most common
 * messages. Learners are counted once per check however often they failed it; `failures` counts attempts.
 */
export function classInsights(labs: readonly LabShape[], failures: readonly FailureFact[], tried: readonly TriedFact[], options = { checks: 5, messages: 3 }): StepInsight[] {
  type Tally = { users: Set<string>; failures: number; messages: Map<string, Set<string>> };
  const steps = new Map<string, { checks: Map<string, Tally> }>();
  for (const f of failures) {
    const key = cellKey(f.labSlug, f.stepId);
    const step = steps.get(key) ?? { checks: new Map<string, Tally>() };
    steps.set(key, step);
    const check: Tally = step.checks.get(f.checkId) ?? { users: new Set<string>(), failures: 0, messages: new Map<string, Set<string>>() };
    step.checks.set(f.checkId, check);
    check.users.add(f.userId);
    check.failures += f.failures;
    const who = check.messages.get(f.message) ?? new Set<string>();
    check.messages.set(f.message, who.add(f.userId));
  }
  const triedBy = new Map(tried.map((t) => [cellKey(t.labSlug, t.stepId), t.learners]));
  const insights: StepInsight[] = [];
  // Lab order, then step order: the panel reads like the course.
  for (const lab of labs) {
    for (const s of lab.steps) {
      const key = cellKey(lab.slug, s.id);
      const step = steps.get(key);
      if (!step) continue;
      const checks: CheckInsight[] = [...step.checks.entries()]
        .map(([checkId, c]) => ({
          checkId,
          learners: c.users.size,
          failures: c.failures,
          messages: [...c.messages.entries()]
            .map(([message, users]) => ({ message, learners: users.size }))
            .sort((a, b) => b.learners - a.learners || a.message.localeCompare(b.message))
            .slice(0, options.messages),
        }))
        .sort((a, b) => b.learners - a.learners || b.failures - a.failures || a.checkId.localeCompare(b.checkId))
        .slice(0, options.checks);
      insights.push({ key, labSlug: lab.slug, labTitle: lab.title, stepId: s.id, stepTitle: s.title, learnersTried: triedBy.get(key) ?? 0, checks });
    }
  }
  return insights;
}

import type { Lab } from "@/lib/labs/lab-schema";
import { evaluateLab } from "@/lib/labs/evaluate";
import type { LabsDeps } from "./labs-deps";
import { labClusterFor } from "./lab-cluster-for";

export type GradedCheck = { stepId: string; checkId: string; passed: boolean; message: string };
export type LabGrade = { score: number; maxScore: number; results: GradedCheck[] };

/** Grades a whole lab from the learner's namespace as it is now, on the server: nothing the client says counts. */
export async function gradeLab(deps: LabsDeps, lab: Lab, learner: { userId: string; namespace: string }): Promise<LabGrade> {
  const cluster = labClusterFor(deps.api, deps.prisma, learner, deps.now);
  const evaluation = await evaluateLab(lab, cluster, deps.now());
  const results = evaluation.steps.flatMap((step) => step.results.map((r) => ({ stepId: step.stepId, checkId: r.id, passed: r.passed, message: r.message })));
  return { score: evaluation.score, maxScore: evaluation.maxScore, results };
}

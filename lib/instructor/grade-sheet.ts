// The classroom's grade sheet (assignments × learners) as plain data, and the one function that turns it into
// rows of text: the grades page shows those texts and the CSV export writes those rows, so the two cannot differ.

export type SheetCheck = { stepId: string; checkId: string; passed: boolean; message: string };

export type SheetAssignment = { id: string; title: string; labSlug: string; opensAt: string; dueAt: string; maxScore: number };

export type SheetCell = {
  /** The learner's own deadline: the assignment's, or the extra time granted to them. */
  dueAt: string;
  extended: boolean;
  /** Their latest submission, or null. */
  submission: { id: string; score: number; maxScore: number; late: boolean; submittedAt: string; regradedAt: string | null; results: SheetCheck[] } | null;
  submissions: number;
};

export type SheetLearner = { userId: string; name: string; email: string; cells: SheetCell[] };

export type GradeSheet = { classroom: { id: string; name: string }; generatedAt: string; assignments: SheetAssignment[]; learners: SheetLearner[] };

export type SubmissionState = "on time" | "late" | "missing" | "not submitted";

/** "missing" once their own deadline has passed with nothing handed in; "not submitted" before it. */
export function submissionState(cell: SheetCell, now: Date): SubmissionState {
  if (cell.submission) return cell.submission.late ? "late" : "on time";
  return now.getTime() > new Date(cell.dueAt).getTime() ? "missing" : "not submitted";
}

export const sheetColumns = ["score", "max", "status", "submitted", "due"] as const;

/** One assignment's cells as text, in sheetColumns order. */
export function cellTexts(assignment: SheetAssignment, cell: SheetCell, now: Date): string[] {
  const s = cell.submission;
  return [s ? String(s.score) : "", String(s?.maxScore ?? assignment.maxScore), submissionState(cell, now), s?.submittedAt ?? "", cell.dueAt];
}

export function totals(sheet: GradeSheet, learner: SheetLearner): { score: number; max: number } {
  let score = 0;
  let max = 0;
  learner.cells.forEach((cell, i) => {
    score += cell.submission?.score ?? 0;
    max += cell.submission?.maxScore ?? sheet.assignments[i]?.maxScore ?? 0;
  });
  return { score, max };
}

/** Header and one row per learner: name, e-mail, then per assignment sheetColumns, then the totals. */
export function gradeSheetRows(sheet: GradeSheet, now: Date): string[][] {
  const header = ["learner", "email", ...sheet.assignments.flatMap((a) => sheetColumns.map((c) => `${a.title} (${a.id}) ${c}`)), "total score", "total max"];
  const rows = sheet.learners.map((learner) => {
    const total = totals(sheet, learner);
    return [learner.name, learner.email, ...sheet.assignments.flatMap((a, i) => cellTexts(a, learner.cells[i]!, now)), String(total.score), String(total.max)];
  });
  return [header, ...rows];
}

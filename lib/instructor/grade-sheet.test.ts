import { describe, expect, it } from "vitest";
import { gradeSheetRows, submissionState, type GradeSheet, type SheetCell } from "./grade-sheet";

const now = new Date("2030-01-10T00:00:00Z");
const cell = (over: Partial<SheetCell>): SheetCell => ({ dueAt: "2030-01-05T00:00:00.000Z", extended: false, submission: null, submissions: 0, ...over });
const submission = { id: "s1", score: 3, maxScore: 4, late: true, submittedAt: "2030-01-06T00:00:00.000Z", regradedAt: null, results: [] };

describe("grade sheet", () => {
  it("says missing only after the learner's own deadline", () => {
    expect(submissionState(cell({}), now)).toBe("missing");
    expect(submissionState(cell({ dueAt: "2030-01-20T00:00:00.000Z", extended: true }), now)).toBe("not submitted");
    expect(submissionState(cell({ submission }), now)).toBe("late");
  });

  it("rows: a header, then per learner each assignment's columns and the totals", () => {
    const sheet: GradeSheet = {
      classroom: { id: "c", name: "C" },
      generatedAt: now.toISOString(),
      assignments: [{ id: "a1", title: "Pods", labSlug: "pods", opensAt: "2030-01-01T00:00:00.000Z", dueAt: "2030-01-05T00:00:00.000Z", maxScore: 4 }],
      learners: [{ userId: "u", name: "Ann", email: "ann@x", cells: [cell({ submission, submissions: 2 })] }],
    };
    expect(gradeSheetRows(sheet, now)).toEqual([
      ["learner", "email", "Pods (a1) score", "Pods (a1) max", "Pods (a1) status", "Pods (a1) submitted", "Pods (a1) due", "total score", "total max"],
      ["Ann", "ann@x", "3", "4", "late", "2030-01-06T00:00:00.000Z", "2030-01-05T00:00:00.000Z", "3", "4"],
    ]);
  });
});

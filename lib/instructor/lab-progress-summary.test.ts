import { describe, expect, it } from "vitest";
import { cellStatus, currentStep, heatmapColumns, learnerCells, startedLabsProgress, type LabShape, type ProgressFact } from "./lab-progress-summary";

const labs: LabShape[] = [
  { slug: "pods", title: "Pods", steps: [{ id: "run", title: "Run" }, { id: "logs", title: "Logs" }] },
  { slug: "deploy", title: "Deployments", steps: [{ id: "create", title: "Create" }, { id: "scale", title: "Scale" }, { id: "roll", title: "Roll" }] },
  { slug: "svc", title: "Services", steps: [{ id: "expose", title: "Expose" }] },
];
const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
const progress: ProgressFact[] = [
  { labSlug: "pods", stepId: "run", status: "PASSED", updatedAt: at(1) },
  { labSlug: "pods", stepId: "logs", status: "PASSED", updatedAt: at(2) },
  { labSlug: "deploy", stepId: "create", status: "PASSED", updatedAt: at(3) },
  { labSlug: "deploy", stepId: "scale", status: "IN_PROGRESS", updatedAt: at(4) },
  { labSlug: "deploy", stepId: "gone", status: "PASSED", updatedAt: at(0) },
];

describe("progress maths", () => {
  it("counts passed steps of started labs only, ignoring steps a lab no longer has", () => {
    expect(startedLabsProgress(labs, progress)).toEqual({ passed: 3, total: 5 });
    expect(startedLabsProgress(labs, [])).toEqual({ passed: 0, total: 0 });
  });

  it("takes the most recently updated row as the current step", () => {
    expect(currentStep(progress)).toMatchObject({ labSlug: "deploy", stepId: "scale" });
    expect(currentStep([])).toBeUndefined();
  });
});

describe("heatmap", () => {
  it("cells: passed wins, a failed latest attempt makes an open step failing", () => {
    expect(cellStatus(undefined, undefined)).toBe("not-started");
    expect(cellStatus(progress[3], { labSlug: "deploy", stepId: "scale", passed: false })).toBe("failing");
    expect(cellStatus(progress[3], { labSlug: "deploy", stepId: "scale", passed: true })).toBe("in-progress");
    expect(cellStatus(progress[0], { labSlug: "pods", stepId: "run", passed: false })).toBe("passed");
    expect(learnerCells(progress.slice(2, 4), [{ labSlug: "deploy", stepId: "scale", passed: false }])).toEqual({ "deploy/create": "passed", "deploy/scale": "failing" });
  });

  it("columns: assigned and started labs in catalogue order, steps in lab order", () => {
    expect(heatmapColumns(labs, ["svc"], ["pods"]).map((c) => c.key)).toEqual(["pods/run", "pods/logs", "svc/expose"]);
  });
});

import { describe, expect, it } from "vitest";
import { classInsights, type FailureFact } from "./class-insights";

const labs = [{ slug: "deploy", title: "Deployments", steps: [{ id: "create", title: "Create" }, { id: "scale", title: "Scale" }] }];
const f = (stepId: string, checkId: string, message: string, userId: string, failures = 1): FailureFact => ({ labSlug: "deploy", stepId, checkId, message, userId, failures });

describe("classInsights", () => {
  it("ranks checks by learners affected (each counted once) and their messages by learners", () => {
    const insights = classInsights(
      labs,
      [
        f("scale", "replicas", "has 3 ready replicas, want 5", "ann", 4),
        f("scale", "replicas", "has 3 ready replicas, want 5", "bob"),
        f("scale", "replicas", "Deployment hello-deploy not found", "bob", 2),
        f("scale", "image", "image is nginx:1.0", "cy"),
        f("create", "exists", "not found", "ann"),
      ],
      [
        { labSlug: "deploy", stepId: "scale", learners: 4 },
        { labSlug: "deploy", stepId: "create", learners: 1 },
      ],
    );
    expect(insights.map((i) => i.key)).toEqual(["deploy/create", "deploy/scale"]);
    const scale = insights[1]!;
    expect(scale.learnersTried).toBe(4);
    expect(scale.checks).toEqual([
      {
        checkId: "replicas",
        learners: 2,
        failures: 7,
        messages: [
          { message: "has 3 ready replicas, want 5", learners: 2 },
          { message: "Deployment hello-deploy not found", learners: 1 },
        ],
      },
      { checkId: "image", learners: 1, failures: 1, messages: [{ message: "image is nginx:1.0", learners: 1 }] },
    ]);
  });

  it("leaves out steps nobody failed", () => {
    expect(classInsights(labs, [], [{ labSlug: "deploy", stepId: "create", learners: 3 }])).toEqual([]);
  });
});

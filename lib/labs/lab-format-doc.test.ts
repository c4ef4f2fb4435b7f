import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateStep } from "./evaluate";
import { loadLabs } from "./load-labs";
import { MemoryLabCluster, fixtures } from "./testing/memory-lab-cluster";
import { memoryReader } from "./testing/memory-reader";

// Keeps LAB-FORMAT.md honest: its complete example must load and evaluate.
describe("LAB-FORMAT.md example", () => {
  it("loads and its checks run", async () => {
    const doc = readFileSync(fileURLToPath(new URL("./LAB-FORMAT.md", import.meta.url)), "utf8");
    const example = /## Complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const [lab] = await loadLabs("labs", memoryReader({
      "labs/06-deployments/lab.yaml": example ?? "",
      "labs/06-deployments/steps/create.md": "Create it.",
      "labs/manifests/deployments/deploy.yml": "kind: Deployment\n",
    }));
    expect(lab!.steps.map((s) => s.id)).toEqual(["create", "fix-image"]);
    const cluster = new MemoryLabCluster({
      objects: [fixtures.deployment("hello-deploy", 10, 7)],
      commands: [{ line: "kubectl apply -f deploy.yml", at: new Date(0) }],
    });
    const result = await evaluateStep(lab!, "create", cluster, new Date(0));
    expect(result.results.map((r) => r.message)).toEqual([
      "Deployment hello-deploy exists as the step wants",
      "Deployment hello-deploy has 7 ready replicas; the step wants 10",
      "ran kubectl apply -f deploy.yml",
    ]);
  });
});

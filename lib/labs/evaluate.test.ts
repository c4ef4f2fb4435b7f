import { describe, expect, it } from "vitest";
import { evaluateLab, evaluateStep } from "./evaluate";
import type { KubeObject } from "./lab-cluster";
import { loadLabs } from "./load-labs";
import { MemoryLabCluster, fixtures } from "./testing/memory-lab-cluster";
import { labFromChecks } from "./testing/lab-from-checks";
import { memoryReader } from "./testing/memory-reader";

const now = new Date("2026-01-01T10:00:00Z");

describe("evaluateStep scoring", () => {
  it("sums the points of passed checks", async () => {
    const lab = await labFromChecks(`
- { id: exists, type: objectExists, kind: Deployment, name: web, points: 2 }
- { id: five, type: readyReplicas, name: web, count: 5, points: 3 }
- { id: svc, type: objectExists, kind: Service, name: web }`);
    const cluster = new MemoryLabCluster({ objects: [fixtures.deployment("web", 5, 3), fixtures.service("web", { app: "web" })] });
    const result = await evaluateStep(lab, "only", cluster, now);
    expect(result).toMatchObject({ stepId: "only", score: 3, maxScore: 6, passed: false });
    expect(result.results.map((r) => [r.id, r.passed, r.points])).toEqual([["exists", true, 2], ["five", false, 3], ["svc", true, 1]]);
  });

  it("lists each kind once per evaluation, however many checks read it", async () => {
    const lab = await labFromChecks(`
- { id: a, type: readyPods, selector: { app: web }, min: 1 }
- { id: b, type: podPhase, selector: { app: web }, phase: Running }
- { id: c, type: serviceSelects, service: web, min: 1 }
- { id: d, type: objectExists, kind: Service, name: web }`);
    const cluster = new MemoryLabCluster({ objects: [fixtures.pod("p", { app: "web" }), fixtures.service("web", { app: "web" })] });
    const result = await evaluateStep(lab, "only", cluster, now);
    expect(result.passed).toBe(true);
    expect(cluster.listCalls).toBe(2); // Pods and Services
  });

  it("all and any combine nested checks and explain failures", async () => {
    const lab = await labFromChecks(`
- id: both
  type: all
  checks:
    - { type: objectExists, kind: Service, name: web }
    - { type: absent, kind: Pod, name: p }
- id: either
  type: any
  checks:
    - { type: objectExists, kind: Service, name: nope }
    - { type: objectExists, kind: Pod, name: p }`);
    const cluster = new MemoryLabCluster({ objects: [fixtures.pod("p", { app: "web" }), fixtures.service("web", undefined)] });
    const [both, either] = (await evaluateStep(lab, "only", cluster, now)).results;
    expect(both).toMatchObject({ passed: false, message: "Pod p still exists; the step wants it gone" });
    expect(either).toMatchObject({ passed: true, message: "Pod p exists as the step wants" });
  });

  it("turns a failing cluster call into a failed check, not a crash", async () => {
    const lab = await labFromChecks("- { id: m, type: configMapMounted, pod: p, path: /etc/x }");
    const cluster = new MemoryLabCluster({ objects: [fixtures.pod("p", {})] });
    cluster.exec = () => Promise.reject(new Error("exec refused"));
    const [result] = (await evaluateStep(lab, "only", cluster, now)).results;
    expect(result).toMatchObject({ passed: false, message: "could not evaluate: exec refused" });
  });

  it("rejects an unknown step", async () => {
    const lab = await labFromChecks("- { id: a, type: absent, kind: Pod, name: p }");
    await expect(evaluateStep(lab, "nope", new MemoryLabCluster(), now)).rejects.toThrow('lab test-lab has no step "nope"');
  });

  it("evaluates 50 objects quickly", async () => {
    const objects: KubeObject[] = [];
    for (let i = 0; i < 40; i++) objects.push(fixtures.pod(`web-${i}`, { app: "web" }));
    for (let i = 0; i < 10; i++) objects.push(fixtures.deployment(`d${i}`, 1, 1));
    const checks = Array.from({ length: 20 }, (_, i) => `- { id: c${i}, type: readyPods, selector: { app: web }, count: 40 }`).join("\n");
    const lab = await labFromChecks(`${checks}\n- { id: d, type: readyReplicas, name: d9, count: 1 }`);
    const started = performance.now();
    const result = await evaluateStep(lab, "only", new MemoryLabCluster({ objects }), now);
    expect(result.passed).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe("evaluateLab", () => {
  it("scores every step", async () => {
    const step = (id: string, check: string): string => `  - id: ${id}\n    title: ${id}\n    instructions: x\n    checks:\n      - ${check}\n`;
    const yaml = `slug: two\ntitle: Two\nchapter: { number: 2, name: Two }\nsummary: s\nobjectives: [o]\nestimatedMinutes: 1\nsteps:\n${step("one", "{ id: a, type: objectExists, kind: Pod, name: p, points: 4 }")}${step("two", "{ id: b, type: absent, kind: Pod, name: p }")}`;
    const [lab] = await loadLabs("labs", memoryReader({ "labs/02-two/lab.yaml": yaml }));
    const result = await evaluateLab(lab!, new MemoryLabCluster({ objects: [fixtures.pod("p", {})] }));
    expect(result).toMatchObject({ slug: "two", score: 4, maxScore: 5, passed: false });
    expect(result.steps.map((s) => s.passed)).toEqual([true, false]);
  });
});

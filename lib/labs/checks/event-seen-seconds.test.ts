import { expect, it } from "vitest";
import { evaluateStep } from "../evaluate";
import { labFromChecks } from "../testing/lab-from-checks";
import { MemoryLabCluster, fixtures } from "../testing/memory-lab-cluster";

// Events carry whole seconds; a step that started at .300 still sees an event written at .400 of that second.
it("counts events from the start of the second the step started in", async () => {
  const lab = await labFromChecks("- { id: c, type: eventSeen, reason: SuccessfulCreate, involvedKind: ReplicaSet, involvedNamePrefix: web- }");
  const events = [fixtures.event("SuccessfulCreate", { kind: "ReplicaSet", name: "web-7d9f" }, "2026-01-01T10:00:00Z", "Created pod: web-7d9f-x2")];
  const cluster = new MemoryLabCluster({ events });
  const now = new Date("2026-01-01T10:00:01Z");
  const within = await evaluateStep(lab, "only", cluster, now, { stepStartedAt: new Date("2026-01-01T10:00:00.300Z") });
  expect(within.results[0]?.passed).toBe(true);
  const later = await evaluateStep(lab, "only", cluster, now, { stepStartedAt: new Date("2026-01-01T10:00:01.000Z") });
  expect(later.results[0]?.message).toBe("no event SuccessfulCreate for ReplicaSet web-* since the step started (seen: none); the step wants one");
});

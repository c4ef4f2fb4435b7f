import { describe, expect, it } from "vitest";
import { podsToDelete } from "./rank-pods-for-deletion";
import type { Pod } from "./workload-objects";

const NOW = Date.parse("2026-03-01T10:00:00Z");
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();

function pod(name: string, options: { node?: string; phase?: string; readyAgo?: number; created?: number; restarts?: number; cost?: number; uid?: string } = {}): Pod {
  return {
    metadata: {
      name,
      uid: options.uid ?? name,
      creationTimestamp: at(options.created ?? 86_400_000),
      ...(options.cost !== undefined ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": String(options.cost) } } : {}),
    },
    spec: { containers: [], nodeName: options.node ?? "n1" },
    status: {
      phase: options.phase ?? "Running",
      conditions: options.readyAgo !== undefined ? [{ type: "Ready", status: "True", lastTransitionTime: at(options.readyAgo) }] : [],
      containerStatuses: [{ name: "c", restartCount: options.restarts ?? 0, ready: true, image: "", imageID: "" }],
    },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata?.name);

describe("pods to delete first", () => {
  it("prefers lower deletion cost, then pods doubled up on a node", () => {
    const a = pod("cheap", { readyAgo: 60_000, cost: -10 });
    const b = pod("dear", { readyAgo: 60_000, cost: 100 });
    expect(names(podsToDelete([b, a], [], 1, NOW))).toEqual(["cheap"]);
    const crowded = pod("crowded", { node: "busy", readyAgo: 60_000 });
    const alone = pod("alone", { node: "quiet", readyAgo: 60_000 });
    const siblings = [crowded, pod("s1", { node: "busy" }), pod("s2", { node: "busy" }), alone];
    expect(names(podsToDelete([alone, crowded], siblings, 1, NOW))).toEqual(["crowded"]);
  });

  it("among ready pods prefers the one ready for less time, compared in powers of two", () => {
    const recent = pod("recent", { readyAgo: 10_000 });
    const longer = pod("longer", { readyAgo: 3_600_000 });
    expect(names(podsToDelete([longer, recent], [], 1, NOW))).toEqual(["recent"]);
    // 70 s and 100 s fall in the same power-of-two bucket of nanoseconds: the uid decides.
    const x = pod("x", { readyAgo: 100_000, uid: "uid-a" });
    const y = pod("y", { readyAgo: 70_000, uid: "uid-b" });
    expect(names(podsToDelete([y, x], [], 1, NOW))).toEqual(["x"]);
  });

  it("returns all pods when every one has to go", () => {
    const list = [pod("a"), pod("b")];
    expect(names(podsToDelete(list, [], 5, NOW))).toEqual(["a", "b"]);
  });
});

import type { Node } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { clusterNodeRow, sortNodeRows } from "./cluster-node-row";

const node = (name: string, ready: string | undefined, options: { stopped?: boolean; controlPlane?: boolean } = {}): Node => ({
  metadata: {
    name,
    labels: options.controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {},
    annotations: options.stopped ? { "kubeclass.dev/stopped": "true" } : {},
  },
  status: ready ? { conditions: [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: ready }] } : {},
});

describe("clusterNodeRow", () => {
  it("says what a drill is doing to the node", () => {
    expect(clusterNodeRow(node("w1", "True"))).toEqual({ name: "w1", controlPlane: false, status: "Ready", stopped: false, phase: "running" });
    expect(clusterNodeRow(node("w1", "True", { stopped: true }))).toMatchObject({ status: "Ready", phase: "stopping" });
    expect(clusterNodeRow(node("w1", "Unknown", { stopped: true }))).toMatchObject({ status: "NotReady", phase: "stopped" });
    expect(clusterNodeRow(node("w1", "Unknown"))).toMatchObject({ status: "NotReady", phase: "starting" });
    expect(clusterNodeRow(node("w1", undefined))).toMatchObject({ status: "Unknown", phase: "starting" });
  });

  it("knows the control plane and lists it first", () => {
    const rows = sortNodeRows([node("b", "True"), node("cp", "True", { controlPlane: true }), node("a", "True")].map(clusterNodeRow));
    expect(rows.map((r) => [r.name, r.controlPlane])).toEqual([["cp", true], ["a", false], ["b", false]]);
  });
});

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { instantSimulation, realisticSimulation } from "./simulation-config";
import { realismDelays, realismOf, simulationWith } from "./simulation-realism";

const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kubeclass-simulation", namespace: "kube-system" }, data });

describe("simulationWith", () => {
  it("keeps the worker's configuration without the ConfigMap or with a level it does not know", () => {
    expect(simulationWith(realisticSimulation, undefined)).toBe(realisticSimulation);
    expect(simulationWith(realisticSimulation, configMap({ realism: "ludicrous" }))).toBe(realisticSimulation);
    expect(realismOf(configMap({}))).toBeUndefined();
  });

  it("changes only the delays a learner watches", () => {
    const slow = simulationWith(instantSimulation, configMap({ realism: "slow" }));
    expect(slow).toEqual({ ...instantSimulation, ...realismDelays.slow });
    expect(slow.imagePullMs).toBeGreaterThan(realisticSimulation.imagePullMs);
    expect(simulationWith(realisticSimulation, configMap({ realism: "instant" }))).toMatchObject({ imagePullMs: 0, containerStartMs: 0, loadBalancerMs: 0, nodeHeartbeatMs: 10_000 });
    // The named levels agree with the worker's own presets.
    expect(simulationWith(instantSimulation, configMap({ realism: "realistic" }))).toEqual(realisticSimulation);
  });
});

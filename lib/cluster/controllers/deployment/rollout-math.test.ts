import { describe, expect, it } from "vitest";
import { maxSurge, maxUnavailable, newReplicaSetSize, resolveFenceposts, scaledValue } from "./rollout-math";
import type { Deployment, ReplicaSet } from "./workload-objects";

const d = (replicas: number, maxSurge?: number | string, maxUnavailable?: number | string, type = "RollingUpdate"): Deployment =>
  ({ spec: { replicas, strategy: { type, rollingUpdate: { maxSurge, maxUnavailable } } } }) as unknown as Deployment;

describe("rollout math", () => {
  it("scales percentages, rounding surge up and unavailable down", () => {
    expect(scaledValue("25%", 10, true)).toBe(3);
    expect(scaledValue("25%", 10, false)).toBe(2);
    expect(scaledValue(4, 10, true)).toBe(4);
    expect(resolveFenceposts(d(3, "25%", "25%"))).toEqual({ surge: 1, unavailable: 0 });
  });

  it("never lets both be zero: unavailable becomes 1", () => {
    expect(resolveFenceposts(d(10, 0, 0))).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(d(1, "10%", "10%"))).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts(d(3, "0%", "10%"))).toEqual({ surge: 0, unavailable: 1 });
  });

  it("caps unavailable at replicas, and has no surge or unavailability under Recreate", () => {
    expect(maxUnavailable(d(2, 0, 5))).toBe(2);
    expect(maxUnavailable(d(0, 1, 1))).toBe(0);
    expect(maxSurge(d(10, 3, 2, "Recreate"))).toBe(0);
  });

  it("grows the new ReplicaSet only up to replicas + maxSurge pods in all", () => {
    const rs = (replicas: number, statusReplicas = replicas) => ({ spec: { replicas }, status: { replicas: statusReplicas } }) as unknown as ReplicaSet;
    const deploy = d(10, 1, 1);
    const fresh = rs(0);
    expect(newReplicaSetSize(deploy, [rs(10), fresh], fresh)).toBe(1);
    expect(newReplicaSetSize(deploy, [rs(9), rs(1)], rs(1))).toBe(2);
    // An old ReplicaSet told to shrink but still reporting its pods counts as it is until they go.
    expect(newReplicaSetSize(deploy, [rs(9, 10), rs(1)], rs(1))).toBe(1);
  });
});

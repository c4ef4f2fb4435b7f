import { describe, expect, it } from "vitest";
import { setNewReplicaSetAnnotations } from "./revision-annotations";
import type { Deployment, ReplicaSet } from "./workload-objects";

const deployment = { metadata: { annotations: { "kubernetes.io/change-cause": "set image", "kubectl.kubernetes.io/last-applied-configuration": "{}", "deployment.kubernetes.io/revision": "4" } }, spec: { replicas: 4, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } } } } as unknown as Deployment;

describe("revision annotations", () => {
  it("a new ReplicaSet gets the copied annotations, the revision and the Deployment's size", () => {
    const rs = { metadata: {} } as ReplicaSet;
    expect(setNewReplicaSetAnnotations(deployment, rs, 5, false)).toBe(true);
    expect(rs.metadata?.annotations).toEqual({
      "kubernetes.io/change-cause": "set image",
      "deployment.kubernetes.io/revision": "5",
      "deployment.kubernetes.io/desired-replicas": "4",
      "deployment.kubernetes.io/max-replicas": "5",
    });
  });

  it("a reused ReplicaSet moves to the new revision and keeps its old ones in revision-history", () => {
    const rs = { metadata: { annotations: { "deployment.kubernetes.io/revision": "3", "deployment.kubernetes.io/revision-history": "1" } } } as ReplicaSet;
    setNewReplicaSetAnnotations(deployment, rs, 6, true);
    expect(rs.metadata?.annotations).toMatchObject({ "deployment.kubernetes.io/revision": "6", "deployment.kubernetes.io/revision-history": "1,3" });
    // Already the newest: nothing changes.
    expect(setNewReplicaSetAnnotations(deployment, rs, 6, true)).toBe(false);
  });
});

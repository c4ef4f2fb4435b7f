import { describe, expect, it } from "vitest";
import { objectStatus } from "./object-status";

describe("objectStatus", () => {
  it("shows a pod's waiting reason and ready containers", () => {
    const pod = {
      kind: "Pod",
      spec: { containers: [{}, {}] },
      status: { phase: "Pending", containerStatuses: [{ ready: true, state: {} }, { ready: false, state: { waiting: { reason: "ImagePullBackOff" } } }] },
    };
    expect(objectStatus(pod)).toBe("ImagePullBackOff 1/2");
    expect(objectStatus({ kind: "Pod", spec: { containers: [{}] }, status: { phase: "Running", containerStatuses: [{ ready: true }] } })).toBe("Running 1/1");
  });

  it("shows ready replicas, service type and claim phase", () => {
    expect(objectStatus({ kind: "Deployment", spec: { replicas: 5 }, status: { readyReplicas: 3 } })).toBe("3/5 ready");
    expect(objectStatus({ kind: "Service", spec: { type: "NodePort", clusterIP: "10.96.0.9" } })).toBe("NodePort 10.96.0.9");
    expect(objectStatus({ kind: "PersistentVolumeClaim", status: { phase: "Bound" } })).toBe("Bound");
  });

  it("says Terminating for an object being deleted", () => {
    expect(objectStatus({ kind: "Pod", metadata: { deletionTimestamp: "2026-01-01T00:00:00Z" } })).toBe("Terminating");
  });
});

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../client/kube-client";
import { historyTable, revisionsOf } from "./deployment-history";
import { findRevision, rollbackPatch, templateMatches } from "./rollback-patch";
import { rolloutStatus } from "./status-viewer";

const deployment = (status: Record<string, number>, generation = 2): KubeObject => ({
  kind: "Deployment",
  metadata: { name: "web", uid: "d1", generation, annotations: { "deployment.kubernetes.io/revision": "2" } },
  spec: { replicas: 3, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } },
  status,
});
const rs = (revision: number, image: string, cause?: string): KubeObject => ({
  kind: "ReplicaSet",
  metadata: {
    name: `web-${revision}`,
    ownerReferences: [{ uid: "d1", controller: true }],
    annotations: { "deployment.kubernetes.io/revision": String(revision), ...(cause ? { "kubernetes.io/change-cause": cause } : {}) },
  },
  spec: { template: { metadata: { labels: { app: "web", "pod-template-hash": `h${revision}` } }, spec: { containers: [{ name: "web", image }] } } },
});

describe("rollout status", () => {
  it("walks kubectl's deployment messages in order", () => {
    expect(rolloutStatus("Deployment", deployment({ observedGeneration: 1 }), 0)).toEqual({ message: "Waiting for deployment spec update to be observed...\n", done: false });
    expect(rolloutStatus("Deployment", deployment({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 }), 0)).toEqual({
      message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
      done: false,
    });
    expect(rolloutStatus("Deployment", deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 }), 0)).toMatchObject({ message: expect.stringContaining("1 old replicas are pending termination") as string });
    expect(rolloutStatus("Deployment", deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 1 }), 0)).toMatchObject({
      message: 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n',
    });
    expect(rolloutStatus("Deployment", deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 0)).toEqual({ message: 'deployment "web" successfully rolled out\n', done: true });
    expect(rolloutStatus("Deployment", deployment({ observedGeneration: 2 }), 5)).toEqual({ error: "desired revision (5) is different from the running revision (2)" });
  });
});

describe("rollout history and undo", () => {
  const revisions = revisionsOf(deployment({}), [rs(1, "nginx:1.27", "first"), rs(2, "nginx:1.28"), { ...rs(3, "x"), metadata: { ...rs(3, "x").metadata, ownerReferences: [] } }]);
  it("lists the owned revisions with their change causes", () => {
    expect(historyTable(revisions)).toBe("REVISION  CHANGE-CAUSE\n1         first\n2         <none>\n");
    expect(historyTable(new Map())).toBe("No rollout history found.");
  });
  it("finds the revision to roll back to and patches template and annotations", () => {
    expect(findRevision("web", revisions, 9)).toBe("unable to find specified revision 9 in history");
    const previous = findRevision("web", revisions, 0) as KubeObject;
    expect(previous.metadata?.name).toBe("web-1");
    expect(templateMatches(rs(2, "nginx:1.28"), deployment({}))).toBe(true);
    expect(rollbackPatch(previous, deployment({}))).toEqual([
      { op: "replace", path: "/spec/template", value: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
      { op: "replace", path: "/metadata/annotations", value: { "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "first" } },
    ]);
  });
});

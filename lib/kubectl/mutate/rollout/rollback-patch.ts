/**
 * `rollout undo` of a Deployment, as kubectl computes it: the ReplicaSet of the wanted revision (0: the one
 * before the latest), and a JSON patch putting its pod template (minus pod-template-hash) and its
 * annotations (keeping the Deployment's own bookkeeping ones) back into the Deployment.
 */
import type { KubeObject } from "../../client/kube-client";
import { deepEqual } from "../../../cluster/api/rest/deep-equal";

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const hashLabel = "pod-template-hash";

/** Annotations a rollback never takes from the ReplicaSet; the Deployment keeps its own values of them. */
const kept = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

/** The ReplicaSet to roll back to, or kubectl's error text. */
export function findRevision(deploymentName: string, revisions: Map<number, KubeObject>, toRevision: number): KubeObject | string {
  if (toRevision < 0) return `unable to find specified revision ${toRevision} in history`;
  if (toRevision > 0) return revisions.get(toRevision) ?? `unable to find specified revision ${toRevision} in history`;
  const sorted = [...revisions.keys()].sort((a, b) => b - a);
  const previous = sorted[1] === undefined ? undefined : revisions.get(sorted[1]);
  return previous ?? `no rollout history found for deployment ${JSON.stringify(deploymentName)}`;
}

function withoutHash(template: unknown): Obj {
  const copy = structuredClone(rec(template));
  const meta = rec(copy.metadata);
  const labels = { ...rec(meta.labels) };
  delete labels[hashLabel];
  copy.metadata = { ...meta, labels };
  return copy;
}

export function templateMatches(rs: KubeObject, deployment: KubeObject): boolean {
  return deepEqual(withoutHash(rec(rs.spec).template), withoutHash(rec(deployment.spec).template));
}

export function rollbackPatch(rs: KubeObject, deployment: KubeObject): unknown[] {
  const annotations: Record<string, string> = {};
  const own = rec(deployment.metadata?.annotations) as Record<string, string>;
  for (const key of kept) if (own[key] !== undefined) annotations[key] = own[key];
  for (const [key, value] of Object.entries(rec(rs.metadata?.annotations) as Record<string, string>)) if (!kept.has(key)) annotations[key] = value;
  return [
    // kubectl marshals a Go PodTemplateSpec: a zero creationTimestamp is left out.
    { op: "replace", path: "/spec/template", value: withoutCreationTimestamp(withoutHash(rec(rs.spec).template)) },
    { op: "replace", path: "/metadata/annotations", value: annotations },
  ];
}

function withoutCreationTimestamp(template: Obj): Obj {
  const { creationTimestamp: _zero, ...metadata } = rec(template.metadata);
  return { ...template, metadata };
}

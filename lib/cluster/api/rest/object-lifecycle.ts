import type { KubeObject } from "../../store/object-store";
import { generateJobSelector } from "../defaults/job-selector";
import type { ApiContext } from "./api-context";
import { deepEqual } from "./deep-equal";
import type { Target } from "./target";

/** RFC 3339 with seconds, as Kubernetes serialises metav1.Time. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function hasStatusSubresource(target: Target): boolean {
  return target.type.subresources.some((s) => s.name === "status");
}

/** System-owned fields of a new object: identity, creation time, generation, initial status. */
export function prepareForCreate(ctx: ApiContext, target: Target, object: KubeObject): KubeObject {
  const {
    deletionTimestamp: _deletionTimestamp,
    deletionGracePeriodSeconds: _grace,
    managedFields: _managedFields,
    selfLink: _selfLink,
    ...meta
  } = object.metadata;
  const prepared: KubeObject = {
    ...object,
    metadata: {
      ...meta,
      uid: ctx.newUid(),
      creationTimestamp: timestamp(ctx.clock.now()),
      ...("spec" in object ? { generation: 1 } : {}),
    },
  };
  delete prepared.metadata.resourceVersion;
  if (target.type.kind === "Namespace") {
    prepared.metadata.labels = namespaceLabels(prepared);
    const spec = (object.spec ?? {}) as { finalizers?: string[] };
    prepared.spec = { ...spec, finalizers: spec.finalizers ?? ["kubernetes"] };
    prepared.status = { phase: "Active" };
  } else if (target.type.kind === "Pod") {
    prepared.status = { phase: "Pending" };
  } else if (hasStatusSubresource(target)) {
    // Status belongs to controllers: what a client sends on create is dropped, as Kubernetes does.
    prepared.status = {};
  }
  // The Job strategy's selector uses the new uid, so it is generated here rather than with the other defaults.
  return target.type.group === "batch" && target.type.kind === "Job" ? generateJobSelector(prepared) : prepared;
}

/**
 * Merges an update onto the stored object: system fields are kept, the status subresource owns status (and
 * only status), and generation moves when the spec changes.
 */
export function prepareForUpdate(target: Target, existing: KubeObject, incoming: KubeObject): KubeObject {
  if (target.subresource === "status") {
    return { ...existing, status: incoming.status };
  }
  const kept = existing.metadata;
  const next: KubeObject = {
    ...incoming,
    metadata: {
      ...incoming.metadata,
      name: kept.name,
      uid: kept.uid,
      creationTimestamp: kept.creationTimestamp,
      ...(kept.deletionTimestamp !== undefined ? { deletionTimestamp: kept.deletionTimestamp } : {}),
      ...(kept.deletionGracePeriodSeconds !== undefined
        ? { deletionGracePeriodSeconds: kept.deletionGracePeriodSeconds }
        : {}),
    },
  };
  if (kept.namespace !== undefined) next.metadata.namespace = kept.namespace;
  if (hasStatusSubresource(target) || target.type.kind === "Namespace") {
    if (existing.status === undefined) delete next.status;
    else next.status = existing.status;
  }
  if (target.type.kind === "Namespace" && target.subresource !== "finalize") {
    next.spec = existing.spec;
  }
  if (target.type.kind === "Namespace") next.metadata.labels = namespaceLabels(next);
  if (target.type.kind === "Namespace" && next.metadata.deletionTimestamp !== undefined) {
    // Kubernetes' invariant: a namespace marked for deletion is Terminating, whoever writes it next.
    next.status = { ...(next.status as object | undefined), phase: "Terminating" };
  }
  const generation = typeof kept.generation === "number" ? kept.generation : undefined;
  if (generation !== undefined) {
    next.metadata.generation = deepEqual(existing.spec, next.spec) ? generation : generation + 1;
  } else if ("spec" in next && !deepEqual(existing.spec, next.spec)) {
    next.metadata.generation = 1;
  }
  return next;
}

/** Kubernetes keeps `kubernetes.io/metadata.name` on every namespace, equal to its name (NetworkPolicies select by it). */
function namespaceLabels(namespace: KubeObject): Record<string, string> {
  return { ...((namespace.metadata.labels as Record<string, string> | undefined) ?? {}), "kubernetes.io/metadata.name": namespace.metadata.name ?? "" };
}

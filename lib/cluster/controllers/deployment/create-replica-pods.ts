import { ApiError } from "../../api/status";
import type { ReconcileContext } from "../runtime/controller";
import { resources } from "../runtime/resource-id";
import { controllerRef, toKube, type Pod, type ReplicaSet } from "./workload-objects";

/** At most this many creates or deletes per pass (kube-controller-manager's burstReplicas). */
export const BURST_REPLICAS = 500;

export const replicaSetInvolved = (rs: ReplicaSet) => ({ object: toKube(rs), kind: "ReplicaSet", apiVersion: "apps/v1" });

/** A pod as the template describes it, named by the API from `<rs-name>-` (controller.GetPodFromTemplate). */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const template = rs.spec?.template ?? {};
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${rs.metadata?.name ?? "pod"}-`,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(rs, "apps/v1", "ReplicaSet")],
    },
    spec: structuredClone(template.spec ?? { containers: [] }),
  };
}

const namespaceTerminating = (error: unknown) =>
  error instanceof ApiError && (error.details?.causes?.some((c) => c.reason === "NamespaceTerminating") || /because it is being terminated/.test(error.message));

/**
 * Creates `count` pods in slow-start batches of 1, 2, 4, … and stops after the first batch with a failure, as the
 * ReplicaSet controller's slowStartBatch does: a quota or admission refusal costs one request, not hundreds.
 * Each create is reported as an Event on the ReplicaSet. Returns the first error, if any.
 */
export async function createReplicaPods(ctx: ReconcileContext, rs: ReplicaSet, count: number): Promise<unknown> {
  const namespace = rs.metadata?.namespace ?? "";
  let remaining = Math.min(count, BURST_REPLICAS);
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => ctx.client.create(resources.pods, namespace, toKube(podFromTemplate(rs)))));
    let firstError: unknown;
    for (const result of results) {
      if (result.status === "fulfilled") {
        await ctx.events.event(replicaSetInvolved(rs), "Normal", "SuccessfulCreate", `Created pod: ${result.value.metadata.name ?? ""}`);
      } else if (!namespaceTerminating(result.reason)) {
        firstError ??= result.reason;
        await ctx.events.event(replicaSetInvolved(rs), "Warning", "FailedCreate", `Error creating: ${messageOf(result.reason)}`);
      }
    }
    if (firstError !== undefined) return firstError;
    remaining -= batch;
  }
  return undefined;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

import { matches } from "../api/selectors/label-selector";
import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import { ownKey, ownerKeys, type Cache, type Controller, type ReconcileContext, type ReconcileResult } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, splitKey } from "./runtime/resource-id";
import { claimDependents, selectorOf } from "./deployment/claim-dependents";
import { BURST_REPLICAS, createReplicaPods, messageOf, replicaSetInvolved } from "./deployment/create-replica-pods";
import { isPodActive } from "./deployment/pod-readiness";
import { podsToDelete } from "./deployment/rank-pods-for-deletion";
import { replicaSetStatus, untilNextAvailable } from "./deployment/replica-set-status";
import { getCondition, type Condition } from "./deployment/status-conditions";
import { asPod, asReplicaSet, controllerOf, specReplicas, toKube, type Pod, type ReplicaSet } from "./deployment/workload-objects";

/** Retries after a refused create or delete back off with the failure's age: 1 s, 2 s, 4 s, … up to 5 minutes. */
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 300_000;

/**
 * The ReplicaSet controller, as kube-controller-manager runs it: keeps `spec.replicas` active pods matching the
 * selector (adopting orphans, releasing pods that stopped matching), creates missing ones from the template in
 * slow-start batches, removes extras in Kubernetes' deletion order, and reports counts and failures in status.
 */
export const replicaSetController: Controller = {
  name: "replicaset",
  username: "system:serviceaccount:kube-system:replicaset-controller",
  component: "replicaset-controller",
  primary: resources.replicasets,
  watches: [
    { resource: resources.replicasets, keys: ownKey },
    { resource: resources.pods, keys: podEventKeys },
    // A quota raised or removed: a ReplicaSet it refused tries again at once rather than at its next backoff.
    { resource: resources.resourcequotas, keys: quotaEventKeys },
  ],
  reconcile: syncReplicaSet,
};

async function syncReplicaSet(ctx: ReconcileContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const cached = ctx.cache.get(resources.replicasets, namespace, name);
  if (!cached) return;
  const rs = asReplicaSet(cached);
  const selector = selectorOf(rs.spec?.selector);
  if (!selector) return;
  const now = ctx.clock.now();
  const active = ctx.cache.list(resources.pods, namespace).filter((pod) => isPodActive(asPod(pod)));
  const owner = { object: cached, resource: resources.replicasets, apiVersion: "apps/v1", kind: "ReplicaSet" };
  const pods = (await claimDependents(ctx, owner, selector, resources.pods, active)).map(asPod);
  const manageError = rs.metadata?.deletionTimestamp ? undefined : await manageReplicas(ctx, rs, pods, now.getTime());
  const status = replicaSetStatus(rs, pods, manageError, now);
  if (!deepEqual(status, rs.status ?? {})) await ctx.client.updateStatus(resources.replicasets, toKube({ ...rs, status }));

  const waits = [untilNextAvailable(rs, pods, now.getTime())];
  if (manageError !== undefined) {
    const since = Date.parse(getCondition(status.conditions as Condition[] | undefined, "ReplicaFailure")?.lastTransitionTime ?? "");
    const age = Number.isNaN(since) ? 0 : now.getTime() - since;
    waits.push(Math.min(Math.max(age, MIN_RETRY_MS), MAX_RETRY_MS));
  }
  const soonest = waits.filter((w): w is number => w !== undefined).sort((a, b) => a - b)[0];
  return soonest === undefined ? undefined : { requeueAfterMs: soonest };
}

/** Creates or deletes pods toward spec.replicas; returns the first error (it becomes the ReplicaFailure condition). */
async function manageReplicas(ctx: ReconcileContext, rs: ReplicaSet, pods: Pod[], nowMs: number): Promise<unknown> {
  const diff = pods.length - specReplicas(rs);
  if (diff < 0) return createReplicaPods(ctx, rs, -diff);
  if (diff === 0) return undefined;
  const victims = podsToDelete(pods, relatedPods(ctx.cache, rs), Math.min(diff, BURST_REPLICAS), nowMs);
  const results = await Promise.allSettled(victims.map((pod) => ctx.client.delete(resources.pods, toKube(pod))));
  let firstError: unknown;
  for (const [i, result] of results.entries()) {
    const podName = victims[i]?.metadata?.name ?? "";
    if (result.status === "fulfilled") {
      await ctx.events.event(replicaSetInvolved(rs), "Normal", "SuccessfulDelete", `Deleted pod: ${podName}`);
    } else {
      firstError ??= result.reason;
      await ctx.events.event(replicaSetInvolved(rs), "Warning", "FailedDelete", `Error deleting: ${messageOf(result.reason)}`);
    }
  }
  return firstError;
}

/**
 * Pods of every ReplicaSet sharing this one's controller (a Deployment's old and new ReplicaSets): scale-down
 * prefers pods on nodes crowded with them (getIndirectlyRelatedPods).
 */
function relatedPods(cache: Cache, rs: ReplicaSet): Pod[] {
  const owner = controllerOf(rs);
  if (!owner) return [];
  const seen = new Set<string>();
  const related: Pod[] = [];
  for (const sibling of cache.list(resources.replicasets, rs.metadata?.namespace ?? "")) {
    if (controllerOf(sibling)?.uid !== owner.uid) continue;
    for (const pod of cache.ownedBy(resources.pods, sibling.metadata.uid ?? "")) {
      if (seen.has(pod.metadata.uid ?? "")) continue;
      seen.add(pod.metadata.uid ?? "");
      related.push(asPod(pod));
    }
  }
  return related;
}

/** A pod change wakes its ReplicaSet, and, for an orphan, every ReplicaSet that may adopt it. */
function podEventKeys(event: InformerEvent, cache: Cache): string[] {
  const keys = new Set(ownerKeys("ReplicaSet")(event));
  const namespace = event.object.metadata.namespace ?? "";
  for (const pod of [event.object, event.previous]) {
    if (!pod || controllerOf(pod) || pod.metadata.deletionTimestamp || event.type === "DELETED") continue;
    for (const key of matchingReplicaSets(cache, namespace, pod)) keys.add(key);
  }
  // A pod gone frees quota a refused ReplicaSet may be waiting for.
  if (event.type === "DELETED") for (const key of failingReplicaSets(cache, namespace)) keys.add(key);
  return [...keys];
}

function matchingReplicaSets(cache: Cache, namespace: string, pod: KubeObject): string[] {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  return cache
    .list(resources.replicasets, namespace)
    .filter((rs) => {
      const selector = selectorOf(asReplicaSet(rs).spec?.selector);
      return selector !== undefined && matches(selector, labels);
    })
    .map(keyOf);
}

function quotaEventKeys(event: InformerEvent, cache: Cache): string[] {
  // Usage changes with every pod admitted; only a changed limit (or a quota added or gone) can unblock creates.
  if (event.type === "MODIFIED" && deepEqual(event.object.spec, event.previous?.spec)) return [];
  return failingReplicaSets(cache, event.object.metadata.namespace ?? "");
}

function failingReplicaSets(cache: Cache, namespace: string): string[] {
  return cache
    .list(resources.replicasets, namespace)
    .filter((rs) => getCondition(asReplicaSet(rs).status?.conditions as Condition[] | undefined, "ReplicaFailure"))
    .map(keyOf);
}

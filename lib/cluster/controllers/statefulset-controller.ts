import { deepEqual } from "../api/rest/deep-equal";
import { matches } from "../api/selectors/label-selector";
import type { KubeObject } from "../store/object-store";
import { claimDependents, selectorOf } from "./deployment/claim-dependents";
import { availableAt } from "./deployment/pod-readiness";
import { controllerOf } from "./deployment/workload-objects";
import { ownKey, ownerKeys, type Cache, type Controller, type ReconcileContext, type ReconcileResult } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, splitKey } from "./runtime/resource-id";
import { ensureUpdateRevision, ownedRevisions, truncateHistory } from "./statefulset/controller-revisions";
import { asPod, asSet, kube, ordinalOf, podRevision, type Pod } from "./statefulset/stateful-identity";
import { statefulSetStatus } from "./statefulset/stateful-set-status";
import { syncStatefulPods } from "./statefulset/sync-stateful-pods";

/**
 * The StatefulSet controller: pods with stable names `<set>-<ordinal>`, each with its own PVCs from
 * volumeClaimTemplates, created and removed in order (OrderedReady) or all at once (Parallel), updated by
 * RollingUpdate from the highest ordinal down to the partition or OnDelete, with ControllerRevisions as history.
 */
export const statefulSetController: Controller = {
  name: "statefulset",
  username: "system:serviceaccount:kube-system:statefulset-controller",
  component: "statefulset-controller",
  primary: resources.statefulsets,
  watches: [
    { resource: resources.statefulsets, keys: ownKey },
    { resource: resources.pods, keys: podEventKeys },
    { resource: resources.controllerrevisions, keys: ownerKeys("StatefulSet") },
    // Followed so claims can be read from the cache; a claim change alone needs no pass.
    { resource: resources.persistentvolumeclaims, keys: () => [] },
  ],
  reconcile: syncStatefulSet,
};

async function syncStatefulSet(ctx: ReconcileContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const cached = ctx.cache.get(resources.statefulsets, namespace, name);
  if (!cached) return;
  const set = asSet(cached);
  const selector = selectorOf(set.spec?.selector);
  if (!selector) return;
  const owner = { object: cached, resource: resources.statefulsets, apiVersion: "apps/v1", kind: "StatefulSet" };
  const candidates = ctx.cache.list(resources.pods, namespace).filter((p) => ordinalOf(set, asPod(p)) !== undefined);
  const pods = (await claimDependents(ctx, owner, selector, resources.pods, candidates)).map(asPod);
  if (cached.metadata.deletionTimestamp) return;

  const history = ownedRevisions(ctx, cached);
  const ensured = await ensureUpdateRevision(ctx, cached, "StatefulSet", history);
  if ("collisionCount" in ensured) {
    await ctx.client.updateStatus(resources.statefulsets, kube({ ...set, status: { ...set.status, collisionCount: ensured.collisionCount } }));
    return;
  }
  const update = ensured.revision;
  const current = history.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  const revisions = { current, update };
  const members = pods.map((pod) => ({ pod, ordinal: ordinalOf(set, pod) ?? -1 }));
  await syncStatefulPods(ctx, set, members, revisions);

  const now = ctx.clock.now().getTime();
  const status = statefulSetStatus(set, pods, revisions, now);
  if (!deepEqual(status, set.status ?? {})) await ctx.client.updateStatus(resources.statefulsets, kube({ ...set, status }));
  const live = new Set([status.currentRevision ?? "", status.updateRevision ?? "", ...pods.map((p) => podRevision(p) ?? "")]);
  await truncateHistory(ctx, cached, [...ownedRevisions(ctx, cached)], live);
  return untilAvailable(set.spec?.minReadySeconds ?? 0, pods, now);
}

/** A pass when the next Ready pod passes minReadySeconds, so availableReplicas moves without another event. */
function untilAvailable(minReadySeconds: number, pods: Pod[], now: number): ReconcileResult {
  const due = pods.map((p) => availableAt(p, minReadySeconds)).filter((t): t is number => t !== undefined && t >= now);
  return due.length === 0 ? undefined : { requeueAfterMs: Math.min(...due) - now + 1 };
}

/** A pod change wakes its StatefulSet; an orphan wakes every set in the namespace whose selector matches it. */
function podEventKeys(event: InformerEvent, cache: Cache): string[] {
  const keys = new Set(ownerKeys("StatefulSet")(event));
  for (const pod of [event.object, event.previous]) {
    if (!pod || controllerOf(pod) || event.type === "DELETED") continue;
    for (const key of matchingSets(cache, pod)) keys.add(key);
  }
  return [...keys];
}

function matchingSets(cache: Cache, pod: KubeObject): string[] {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  return cache
    .list(resources.statefulsets, pod.metadata.namespace ?? "")
    .filter((set) => {
      const selector = selectorOf(asSet(set).spec?.selector);
      return selector !== undefined && matches(selector, labels);
    })
    .map(keyOf);
}

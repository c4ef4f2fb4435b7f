import { deepEqual } from "../api/rest/deep-equal";
import { matches } from "../api/selectors/label-selector";
import type { KubeObject } from "../store/object-store";
import { claimDependents, selectorOf } from "./deployment/claim-dependents";
import { messageOf } from "./deployment/create-replica-pods";
import { availableAt } from "./deployment/pod-readiness";
import { controllerOf } from "./deployment/workload-objects";
import { asDaemonSet, asNode, asPod, kube, newDaemonPod, REVISION_HASH_LABEL, type DaemonSet, type Pod } from "./daemonset/daemon-pod";
import { daemonSetStatus } from "./daemonset/daemon-set-status";
import { nodePlacements } from "./daemonset/node-placements";
import { planDaemonPods, rollingUpdateVictims } from "./daemonset/plan-daemon-pods";
import { ownKey, ownerKeys, type Cache, type Controller, type ReconcileContext, type ReconcileResult } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, splitKey } from "./runtime/resource-id";
import { ensureUpdateRevision, ownedRevisions, revisionHash, truncateHistory } from "./statefulset/controller-revisions";

/**
 * The DaemonSet controller: one pod per eligible node (selector, affinity, tolerated taints), each pinned to its
 * node through node affinity on `metadata.name` for the scheduler to bind, replaced by RollingUpdate within
 * maxUnavailable or by OnDelete, with ControllerRevisions as history.
 */
export const daemonSetController: Controller = {
  name: "daemonset",
  username: "system:serviceaccount:kube-system:daemon-set-controller",
  component: "daemonset-controller",
  primary: resources.daemonsets,
  watches: [
    { resource: resources.daemonsets, keys: ownKey },
    { resource: resources.pods, keys: podEventKeys },
    { resource: resources.controllerrevisions, keys: ownerKeys("DaemonSet") },
    // A node added, relabelled, tainted or gone may change where every DaemonSet runs.
    { resource: resources.nodes, keys: (_event, cache) => cache.list(resources.daemonsets).map(keyOf) },
  ],
  reconcile: syncDaemonSet,
};

const involved = (ds: DaemonSet) => ({ object: kube(ds), kind: "DaemonSet", apiVersion: "apps/v1" });

async function syncDaemonSet(ctx: ReconcileContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const cached = ctx.cache.get(resources.daemonsets, namespace, name);
  if (!cached) return;
  const ds = asDaemonSet(cached);
  const selector = selectorOf(ds.spec?.selector);
  if (!selector) return;
  const owner = { object: cached, resource: resources.daemonsets, apiVersion: "apps/v1", kind: "DaemonSet" };
  const pods = (await claimDependents(ctx, owner, selector, resources.pods, ctx.cache.list(resources.pods, namespace))).map(asPod);
  if (cached.metadata.deletionTimestamp) return;

  const history = ownedRevisions(ctx, cached);
  const ensured = await ensureUpdateRevision(ctx, cached, "DaemonSet", history);
  if ("collisionCount" in ensured) {
    await ctx.client.updateStatus(resources.daemonsets, kube({ ...ds, status: { ...ds.status, collisionCount: ensured.collisionCount } }));
    return;
  }
  const hash = revisionHash(cached, ensured.revision);
  const now = ctx.clock.now().getTime();
  const placements = nodePlacements(ds, ctx.cache.list(resources.nodes).map(asNode), pods);
  const plan = planDaemonPods(placements);
  const removing = new Set(plan.remove.map((p) => p.metadata?.uid));
  const victims = [...plan.remove, ...rollingUpdateVictims(ds, placements, hash, now).filter((p) => !removing.has(p.metadata?.uid))];
  await Promise.all([...plan.createOn.map((node) => createPod(ctx, ds, hash, node)), ...victims.map((pod) => deletePod(ctx, ds, pod))]);

  const status = daemonSetStatus(ds, placements, hash, now);
  if (!deepEqual(status, ds.status ?? {})) await ctx.client.updateStatus(resources.daemonsets, kube({ ...ds, status }));
  const live = new Set([ensured.revision.metadata.name ?? "", ...pods.map((p) => `${name}-${p.metadata?.labels?.[REVISION_HASH_LABEL] ?? ""}`)]);
  await truncateHistory(ctx, cached, ownedRevisions(ctx, cached), live);
  return untilAvailable(ds.spec?.minReadySeconds ?? 0, pods, now);
}

async function createPod(ctx: ReconcileContext, ds: DaemonSet, hash: string, nodeName: string): Promise<void> {
  try {
    const created = await ctx.client.create(resources.pods, ds.metadata?.namespace ?? "", kube(newDaemonPod(ds, hash, nodeName)));
    await ctx.events.event(involved(ds), "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name ?? ""}`);
  } catch (error) {
    await ctx.events.event(involved(ds), "Warning", "FailedCreate", `Error creating: ${messageOf(error)}`);
    throw error;
  }
}

async function deletePod(ctx: ReconcileContext, ds: DaemonSet, pod: Pod): Promise<void> {
  await ctx.client.delete(resources.pods, kube(pod));
  await ctx.events.event(involved(ds), "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata?.name ?? ""}`);
}

/** A pass when the next Ready pod passes minReadySeconds, so numberAvailable (and the rollout) moves on. */
function untilAvailable(minReadySeconds: number, pods: Pod[], now: number): ReconcileResult {
  const due = pods.map((p) => availableAt(p, minReadySeconds)).filter((t): t is number => t !== undefined && t >= now);
  return due.length === 0 ? undefined : { requeueAfterMs: Math.min(...due) - now + 1 };
}

/** A pod change wakes its DaemonSet; an orphan wakes every DaemonSet in the namespace whose selector matches it. */
function podEventKeys(event: InformerEvent, cache: Cache): string[] {
  const keys = new Set(ownerKeys("DaemonSet")(event));
  for (const pod of [event.object, event.previous]) {
    if (!pod || controllerOf(pod) || event.type === "DELETED") continue;
    for (const key of matchingDaemonSets(cache, pod)) keys.add(key);
  }
  return [...keys];
}

function matchingDaemonSets(cache: Cache, pod: KubeObject): string[] {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  return cache
    .list(resources.daemonsets, pod.metadata.namespace ?? "")
    .filter((ds) => {
      const selector = selectorOf(asDaemonSet(ds).spec?.selector);
      return selector !== undefined && matches(selector, labels);
    })
    .map(keyOf);
}

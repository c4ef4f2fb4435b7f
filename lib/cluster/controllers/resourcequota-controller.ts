import { evaluatorsFor, type QuotaEvaluator } from "../api/admission/quota-evaluators";
import { readQuota } from "../api/admission/quota-usage";
import { addLists, maskList, readResourceList, writeResourceList, type ResourceList } from "../api/admission/resource-lists";
import { compareQuantities, zeroQuantity } from "../api/quantity";
import { deepEqual } from "../api/rest/deep-equal";
import { ApiError } from "../api/status";
import type { KubeObject } from "../store/object-store";
import { recount, type LowerRecount } from "./quota-recount";
import { quotaSpecChanged, replenishment } from "./resourcequota-wake";
import type { Cache, Controller, ReconcileContext } from "./runtime/controller";
import { resources, splitKey, type ResourceId } from "./runtime/resource-id";

// kube-controller-manager's resource quota controller: keeps each quota's status.hard equal to spec.hard and
// status.used measured from the namespace's objects (quota.CalculateUsage with the same evaluators admission
// uses). Admission charges every write and the API server releases what deletes and finished pods free, so this
// is the correction for what they cannot see: creates that failed after their charge, pods past their deletion
// grace period, objects stored without admission. It runs when a quota's spec changes, on replenishment and on
// the periodic resync (resourcequota-wake.ts), and never lowers usage on a cache's word (quota-recount.ts).

/**
 * Kinds read from informers (the worker follows the workload kinds for their own controllers anyway), so a
 * deletion wakes the namespace's quotas and a recount whose cache agrees with the recorded usage costs no read.
 */
const measured: ResourceId[] = [
  resources.pods,
  resources.services,
  resources.configmaps,
  resources.secrets,
  resources.persistentvolumeclaims,
  resources.deployments,
  resources.replicasets,
  resources.statefulsets,
  resources.daemonsets,
  resources.jobs,
  resources.cronjobs,
  resources.ingresses,
];

/** --resource-quota-sync-period: how often kinds no informer follows are counted again. */
const fullResyncMs = 5 * 60 * 1000;

/** How long admission may hold a charge before the object is stored (and a delete before its release). */
const settleMs = 10_000;

const cachedResource = (evaluator: QuotaEvaluator) => measured.find((r) => r.group === evaluator.group && r.plural === evaluator.resource);

/** Recounts awaiting confirmation, per worker process (the informer set is one per process). */
const lowerRecounts = new WeakMap<Cache, Map<string, LowerRecount>>();
function lowerRecountsOf(cache: Cache): Map<string, LowerRecount> {
  let map = lowerRecounts.get(cache);
  if (!map) lowerRecounts.set(cache, (map = new Map<string, LowerRecount>()));
  return map;
}

/**
 * quota.CalculateUsage. A kind the cache shows at exactly the recorded usage is taken from the cache; any other
 * is listed from the store, since admission's latest charges may be for objects the cache does not show yet.
 */
async function measure(ctx: ReconcileContext, quota: KubeObject, hardNames: string[], recorded: ResourceList): Promise<ResourceList> {
  const { scopes } = readQuota(quota);
  const namespace = quota.metadata.namespace ?? "";
  const now = ctx.clock.now();
  const parts = await Promise.all(
    evaluatorsFor(hardNames).map(async (evaluator) => {
      const names = evaluator.matchingResources(hardNames);
      const sum = (items: KubeObject[]) => {
        let used: ResourceList = new Map(names.map((name) => [name, zeroQuantity]));
        for (const item of items) {
          if (scopes.every((scope) => evaluator.matchesScope(scope, item))) used = addLists(used, evaluator.usage(item, now));
        }
        return maskList(used, names);
      };
      const cached = cachedResource(evaluator);
      if (cached) {
        const fromCache = sum(ctx.cache.list(cached, namespace));
        const agrees = (name: string) => {
          const before = recorded.get(name);
          return before !== undefined && compareQuantities(fromCache.get(name) ?? zeroQuantity, before) === 0;
        };
        if (names.every(agrees)) return fromCache;
      }
      const served = ctx.discovery().find((t) => t.group === evaluator.group && t.plural === evaluator.resource && t.namespaced && t.verbs.includes("list"));
      return sum(served ? await ctx.client.listAllLive(served, namespace) : []);
    }),
  );
  return parts.reduce<ResourceList>((total, part) => addLists(total, part), new Map());
}

/** When the next pod of the namespace passes its deletion grace period (it stops counting then). */
function nextGraceExpiry(ctx: ReconcileContext, namespace: string): number | undefined {
  const now = ctx.clock.now().getTime();
  let next: number | undefined;
  for (const pod of ctx.cache.list(resources.pods, namespace)) {
    const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata as { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
    if (!deletionTimestamp || typeof deletionGracePeriodSeconds !== "number") continue;
    const due = Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000 + 1 - now;
    if (due > 0 && (next === undefined || due < next)) next = due;
  }
  return next;
}

/**
 * A new quota is counted once more when it is `settleMs` old: its usage was measured just before it was stored,
 * and an object admitted in between (or by another API server process that had not seen the quota yet) was not
 * charged, though it has reached the cache by then.
 */
function youngFor(ctx: ReconcileContext, quota: KubeObject): number | undefined {
  const { creationTimestamp } = quota.metadata;
  const created = typeof creationTimestamp === "string" ? Date.parse(creationTimestamp) : NaN;
  const left = created + settleMs - ctx.clock.now().getTime();
  return Number.isFinite(left) && left > 0 ? left : undefined;
}

/** The quota as stored now: usage is compared with what admission has charged, not with a cached copy of it. */
async function readQuotaNow(ctx: ReconcileContext, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await ctx.client.get(resources.resourcequotas, namespace, name);
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return undefined;
    throw error;
  }
}

export const resourceQuotaController: Controller = {
  name: "resourcequota",
  username: "system:serviceaccount:kube-system:resourcequota-controller",
  component: "resourcequota-controller",
  primary: resources.resourcequotas,
  watches: [
    { resource: resources.resourcequotas, keys: quotaSpecChanged },
    ...measured.map((resource) => ({ resource, keys: replenishment(resource) })),
  ],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const pending = lowerRecountsOf(ctx.cache);
    const quota = await readQuotaNow(ctx, namespace, name);
    if (!quota || quota.metadata.deletionTimestamp) {
      pending.delete(key);
      return;
    }
    const hard = readResourceList((quota.spec as { hard?: unknown } | undefined)?.hard);
    const status = (quota.status ?? {}) as { hard?: unknown; used?: unknown };
    const recorded = readResourceList(status.used);
    const next = recount({
      recorded,
      measured: await measure(ctx, quota, [...hard.keys()], recorded),
      resourceVersion: quota.metadata.resourceVersion ?? "",
      now: ctx.clock.now().getTime(),
      earlier: pending.get(key),
      settleMs,
    });
    const wanted = { hard: writeResourceList(hard), used: writeResourceList(next.used) };
    let resourceVersion = quota.metadata.resourceVersion ?? "";
    if (!deepEqual(status.hard ?? {}, wanted.hard) || !deepEqual(status.used ?? {}, wanted.used)) {
      // While a lower figure waits, this write only raised or added figures: that wait stays valid past it.
      const written = await ctx.client.updateStatus(resources.resourcequotas, { ...quota, status: { ...status, ...wanted } });
      resourceVersion = written.metadata.resourceVersion ?? resourceVersion;
    }
    if (next.lower) pending.set(key, { ...next.lower, resourceVersion });
    else pending.delete(key);

    const unfollowed = evaluatorsFor([...hard.keys()]).some((evaluator) => !cachedResource(evaluator));
    const due = Math.min(
      nextGraceExpiry(ctx, namespace) ?? Infinity,
      unfollowed ? fullResyncMs : Infinity,
      next.confirmInMs ?? Infinity,
      youngFor(ctx, quota) ?? Infinity,
    );
    return Number.isFinite(due) ? { requeueAfterMs: due } : undefined;
  },
};

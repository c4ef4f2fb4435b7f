import { evaluatorsFor, type QuotaEvaluator } from "../api/admission/quota-evaluators";
import { readQuota } from "../api/admission/quota-usage";
import { addLists, maskList, readResourceList, writeResourceList, type ResourceList } from "../api/admission/resource-lists";
import { zeroQuantity } from "../api/quantity";
import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import type { Cache, Controller, ReconcileContext } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, splitKey, type ResourceId } from "./runtime/resource-id";

// kube-controller-manager's resource quota controller: keeps each quota's status.hard equal to spec.hard and
// status.used measured from the namespace's objects (quota.CalculateUsage with the same evaluators admission
// uses), so usage comes down when objects go or pods finish; admission only ever charges. Objects of the kinds
// quota usually tracks are read from informers; other `count/<resource>.<group>` kinds are listed live.

/** What quotas usually measure, followed by informers so a change wakes the namespace's quotas. */
const measured: ResourceId[] = [resources.pods, resources.services, resources.configmaps, resources.secrets, resources.persistentvolumeclaims, resources.resourcequotas];

/** --resource-quota-sync-period: how often kinds no informer follows are counted again. */
const fullResyncMs = 5 * 60 * 1000;

const cachedResource = (evaluator: QuotaEvaluator) => measured.find((r) => r.group === evaluator.group && r.plural === evaluator.resource);

/** A change to anything measured wakes every quota of its namespace. */
const quotasOfNamespace = (event: InformerEvent, cache: Cache) =>
  cache.list(resources.resourcequotas, event.object.metadata.namespace ?? "").map(keyOf);

async function objectsOf(ctx: ReconcileContext, evaluator: QuotaEvaluator, namespace: string): Promise<KubeObject[]> {
  const cached = cachedResource(evaluator);
  if (cached) return ctx.cache.list(cached, namespace);
  const served = ctx.discovery().find((t) => t.group === evaluator.group && t.plural === evaluator.resource && t.namespaced && t.verbs.includes("list"));
  return served ? ctx.client.listLive(served, namespace) : [];
}

/** quota.CalculateUsage over what the controller can see. */
async function measure(ctx: ReconcileContext, quota: KubeObject, hardNames: string[]): Promise<ResourceList> {
  const { scopes } = readQuota(quota);
  const namespace = quota.metadata.namespace ?? "";
  const now = ctx.clock.now();
  let usage: ResourceList = new Map();
  for (const evaluator of evaluatorsFor(hardNames)) {
    const names = evaluator.matchingResources(hardNames);
    let used: ResourceList = new Map(names.map((name) => [name, zeroQuantity]));
    for (const item of await objectsOf(ctx, evaluator, namespace)) {
      if (scopes.every((scope) => evaluator.matchesScope(scope, item))) used = addLists(used, evaluator.usage(item, now));
    }
    usage = addLists(usage, maskList(used, names));
  }
  return usage;
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

export const resourceQuotaController: Controller = {
  name: "resourcequota",
  username: "system:serviceaccount:kube-system:resourcequota-controller",
  component: "resourcequota-controller",
  primary: resources.resourcequotas,
  watches: [
    { resource: resources.resourcequotas, keys: (event) => [keyOf(event.object)] },
    ...measured.filter((r) => r !== resources.resourcequotas).map((resource) => ({ resource, keys: quotasOfNamespace })),
  ],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const quota = ctx.cache.get(resources.resourcequotas, namespace, name);
    if (!quota || quota.metadata.deletionTimestamp) return;
    const hard = readResourceList((quota.spec as { hard?: unknown } | undefined)?.hard);
    const used = await measure(ctx, quota, [...hard.keys()]);
    const status = (quota.status ?? {}) as { hard?: unknown; used?: unknown };
    const wanted = { hard: writeResourceList(hard), used: writeResourceList(used) };
    if (!deepEqual(status.hard ?? {}, wanted.hard) || !deepEqual(status.used ?? {}, wanted.used)) {
      await ctx.client.updateStatus(resources.resourcequotas, { ...quota, status: { ...status, ...wanted } });
    }
    const unfollowed = evaluatorsFor([...hard.keys()]).some((evaluator) => !cachedResource(evaluator));
    const due = Math.min(nextGraceExpiry(ctx, namespace) ?? Infinity, unfollowed ? fullResyncMs : Infinity);
    return Number.isFinite(due) ? { requeueAfterMs: due } : undefined;
  },
};

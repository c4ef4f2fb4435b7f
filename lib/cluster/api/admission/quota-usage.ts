import { ConflictError, NotFoundError } from "../../store/errors";
import type { GroupResource, KubeObject, ObjectKey } from "../../store/object-store";
import { zeroQuantity } from "../quantity";
import type { ApiContext } from "../rest/api-context";
import { evaluatorsFor, type QuotaEvaluator, type ScopeSelector } from "./quota-evaluators";
import { addLists, maskList, readResourceList, writeResourceList, type ResourceList } from "./resource-lists";

// Reading ResourceQuota objects, and measuring a namespace's usage from its objects the way the quota
// controller does (pkg/controller/resourcequota, quota.CalculateUsage).

export type QuotaView = {
  object: KubeObject;
  name: string;
  /** status.hard, what admission enforces; spec.hard until the status has been written. */
  hard: ResourceList;
  used: ResourceList;
  /** False when status.used has never been written. */
  hasUsed: boolean;
  scopes: ScopeSelector[];
};

type QuotaShape = {
  spec?: { hard?: unknown; scopes?: unknown; scopeSelector?: { matchExpressions?: unknown } };
  status?: { hard?: unknown; used?: unknown };
};

export function readQuota(object: KubeObject): QuotaView {
  const { spec, status } = object as unknown as QuotaShape;
  const scopes: ScopeSelector[] = [];
  for (const scope of Array.isArray(spec?.scopes) ? spec.scopes : []) {
    if (typeof scope === "string") scopes.push({ scopeName: scope, operator: "Exists", values: [] });
  }
  const expressions = spec?.scopeSelector?.matchExpressions;
  for (const e of Array.isArray(expressions) ? (expressions as Record<string, unknown>[]) : []) {
    scopes.push({
      scopeName: typeof e.scopeName === "string" ? e.scopeName : "",
      operator: typeof e.operator === "string" ? e.operator : "",
      values: Array.isArray(e.values) ? e.values.map(String) : [],
    });
  }
  return {
    object,
    name: object.metadata.name ?? "",
    hard: readResourceList(status?.hard ?? spec?.hard),
    used: readResourceList(status?.used),
    hasUsed: typeof status?.used === "object" && status.used !== null,
    scopes,
  };
}

export function quotaKey(ctx: ApiContext, namespace: string, name: string): ObjectKey {
  return { cluster: ctx.cluster, group: "", resource: "resourcequotas", namespace, name };
}

export async function listQuotas(ctx: ApiContext, namespace: string): Promise<QuotaView[]> {
  // Most namespaces have no quota: the cache says so without a round trip. Quotas that exist are read from the
  // store, as their usage must be current for compare-and-swap.
  if (ctx.admissionCache && (await ctx.admissionCache.list("", "resourcequotas", namespace)).length === 0) return [];
  const { items } = await ctx.store.list({ cluster: ctx.cluster, group: "", resource: "resourcequotas", namespace });
  return items.map(readQuota);
}

/** generic.Matches: the quota tracks something this evaluator measures, and the object is in all its scopes. */
export function quotaMatches(quota: QuotaView, evaluator: QuotaEvaluator, object: KubeObject): boolean {
  if (evaluator.matchingResources(quota.hard.keys()).length === 0) return false;
  return quota.scopes.every((scope) => evaluator.matchesScope(scope, object));
}

/** An object about to be stored, counted as if it were already (a quota counts itself under `resourcequotas`). */
export type PendingObject = { group: string; resource: string; object: KubeObject };

/** The namespace's objects of each resource, in one read where the store can (a learner quota names eleven). */
async function namespaceObjects(ctx: ApiContext, namespace: string, resources: GroupResource[]): Promise<KubeObject[][]> {
  if (ctx.store.listNamespace) return ctx.store.listNamespace(ctx.cluster, namespace, resources);
  return Promise.all(resources.map(async (r) => (await ctx.store.list({ cluster: ctx.cluster, ...r, namespace })).items));
}

/**
 * quota.CalculateUsage: for each resource of `hard` some evaluator measures, the sum over the namespace's
 * objects in the quota's scopes, starting from zero. Resources nothing measures are left out. Each kind is read
 * once (pods covers pods, requests.* and limits.*), all kinds together.
 */
export async function calculateUsage(
  ctx: ApiContext,
  namespace: string,
  hardNames: string[],
  scopes: ScopeSelector[],
  pending: PendingObject[] = [],
): Promise<ResourceList> {
  const now = ctx.clock.now();
  const evaluators = evaluatorsFor(hardNames);
  const objects = await namespaceObjects(ctx, namespace, evaluators.map((e) => ({ group: e.group, resource: e.resource })));
  let usage: ResourceList = new Map();
  evaluators.forEach((evaluator, i) => {
    const names = evaluator.matchingResources(hardNames);
    let used: ResourceList = new Map(names.map((name) => [name, zeroQuantity]));
    const items = [...(objects[i] ?? []), ...pending.filter((p) => p.group === evaluator.group && p.resource === evaluator.resource).map((p) => p.object)];
    for (const item of items) {
      if (scopes.every((scope) => evaluator.matchesScope(scope, item))) used = addLists(used, evaluator.usage(item, now));
    }
    usage = addLists(usage, maskList(used, names));
  });
  return usage;
}

/** The status a quota object should carry: hard from spec, used measured from the namespace's objects. */
export async function measuredStatus(ctx: ApiContext, quota: KubeObject, pending: PendingObject[] = []): Promise<Record<string, unknown>> {
  const spec = readResourceList((quota.spec as { hard?: unknown } | undefined)?.hard);
  const view = readQuota(quota);
  const used = await calculateUsage(ctx, quota.metadata.namespace ?? "", [...spec.keys()], view.scopes, pending);
  return { hard: writeResourceList(spec), used: writeResourceList(used) };
}

/**
 * Recomputes status.hard and status.used of every ResourceQuota in the namespace from the objects there and
 * stores them (compare-and-swap, retried on conflict), at once and unconditionally: a repair for a namespace no
 * one is writing to. It would give back a charge for an object still on its way to the store, so the quota
 * controller does not use it (it lowers usage only once that has held; controllers/quota-recount.ts).
 */
export async function recalculateQuotaUsage(ctx: ApiContext, namespace: string): Promise<KubeObject[]> {
  const updated: KubeObject[] = [];
  for (const { name } of await listQuotas(ctx, namespace)) {
    const key = quotaKey(ctx, namespace, name);
    for (let attempt = 0; ; attempt++) {
      const current = await ctx.store.get(key);
      if (!current) break;
      const status = await measuredStatus(ctx, current);
      try {
        updated.push(await ctx.store.update(key, { ...current, status: { ...(current.status as object), ...status } }, current.metadata.resourceVersion));
        break;
      } catch (error) {
        if (error instanceof NotFoundError) break;
        if (!(error instanceof ConflictError) || attempt >= 9) throw error;
      }
    }
  }
  return updated;
}

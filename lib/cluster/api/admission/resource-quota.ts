import { ConflictError, NotFoundError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import type { AdmissionAttempt, AdmissionPlugin, CommittedWrite } from "../admission";
import type { Quantity } from "../quantity";
import { qualifiedResource } from "../resources/resource-type";
import type { ApiContext } from "../rest/api-context";
import { storeKey } from "../rest/target";
import { conflict, forbidden } from "../status";
import { KeyedMutex } from "./keyed-mutex";
import { evaluatorFor, type QuotaEvaluator } from "./quota-evaluators";
import { quotaStatusOnWrite } from "./quota-status";
import { calculateUsage, listQuotas, quotaKey, quotaMatches, readQuota, type QuotaView } from "./quota-usage";
import {
  addLists,
  exceededResources,
  maskList,
  negativeResources,
  prettyPrint,
  removeZeros,
  subtractNonNegative,
  writeResourceList,
  type ResourceList,
} from "./resource-lists";

// Kubernetes' ResourceQuota admission (k8s.io/apiserver/pkg/admission/plugin/resourcequota): a write that would
// take a namespace past a quota's hard limits is refused in Kubernetes' words; one that fits is charged to the
// quotas' status.used with compare-and-swap before it is stored, so concurrent writes cannot overshoot.

/** Rounds of compare-and-swap against other writers (other API server processes) before giving up. */
const maxRounds = 10;

/** A quota to write: its new usage, and what this request added to it. */
type Charge = { quota: QuotaView; used: ResourceList; requested: ResourceList };

class QuotaCheck {
  constructor(
    private readonly ctx: ApiContext,
    private readonly evaluator: QuotaEvaluator,
    private readonly attempt: AdmissionAttempt,
  ) {}

  private refuse(message: string): Error {
    const { target, object } = this.attempt;
    const name = object.metadata.name ?? "";
    return forbidden(`${qualifiedResource(target.type)} "${name}" is forbidden: ${message}`, {
      group: target.type.group,
      resource: target.type.plural,
      name,
    });
  }

  /** checkRequest: refuses the request, or says what each affected quota's usage becomes. */
  async charges(quotas: QuotaView[]): Promise<Charge[]> {
    const { evaluator } = this;
    const { object, oldObject, operation, target } = this.attempt;
    const interesting: { quota: QuotaView; measured: boolean }[] = [];
    for (const quota of quotas) {
      if (!quotaMatches(quota, evaluator, object)) continue;
      const restricted = evaluator.matchingResources(quota.hard.keys());
      const failure = evaluator.constraints?.(restricted, object);
      if (failure) throw this.refuse(`failed quota: ${quota.name}: ${failure}`);
      if (restricted.every((name) => quota.used.has(name))) {
        interesting.push({ quota, measured: false });
        continue;
      }
      // No usage recorded yet (Kubernetes refuses with "status unknown for quota" until its controller has
      // measured it): measure it now from the namespace's objects.
      const measured = await calculateUsage(this.ctx, target.namespace, [...quota.hard.keys()], quota.scopes);
      interesting.push({ quota: { ...quota, used: new Map([...quota.used, ...measured]), hasUsed: true }, measured: true });
    }
    if (interesting.length === 0) return [];

    const now = this.ctx.clock.now();
    const usage = evaluator.usage(object, now);
    const negative = negativeResources(usage);
    if (negative.length > 0) throw this.refuse(`quota usage is negative for resource(s): ${negative.sort().join(",")}`);
    // An update is charged only for what it adds, to quotas that already counted the old object.
    const previous = operation === "update" && oldObject ? oldObject : undefined;
    const growth = previous ? subtractNonNegative(usage, evaluator.usage(previous, now)) : usage;

    const charges: Charge[] = [];
    for (const { quota, measured } of interesting) {
      const delta = removeZeros(previous && quotaMatches(quota, evaluator, previous) ? growth : usage);
      const requested = maskList(delta, quota.hard.keys());
      const used = addLists(quota.used, requested);
      const exceeded = exceededResources(maskList(used, requested.keys()), quota.hard);
      if (exceeded.length > 0) {
        throw this.refuse(
          `exceeded quota: ${quota.name}, requested: ${prettyPrint(maskList(requested, exceeded))}, ` +
            `used: ${prettyPrint(maskList(quota.used, exceeded))}, limited: ${prettyPrint(maskList(quota.hard, exceeded))}`,
        );
      }
      if (requested.size > 0 || measured) charges.push({ quota, used, requested });
    }
    return charges;
  }
}

function withUsage(quota: QuotaView, used: ResourceList): KubeObject {
  const status = (quota.object.status ?? {}) as Record<string, unknown>;
  return { ...quota.object, status: { ...status, hard: writeResourceList(quota.hard), used: writeResourceList(used) } };
}

/** Takes `amounts` off a quota's usage (never below zero), compare-and-swap, retried. */
async function release(ctx: ApiContext, namespace: string, name: string, amounts: ResourceList): Promise<void> {
  if (amounts.size === 0) return;
  const key = quotaKey(ctx, namespace, name);
  for (let round = 0; round < maxRounds; round++) {
    const current = await ctx.store.get(key);
    if (!current) return;
    const quota = readQuota(current);
    // Nothing recorded yet means nothing to take back: the next measurement counts what is there.
    if (!quota.hasUsed) return;
    const lowered = subtractNonNegative(maskList(quota.used, amounts.keys()), amounts);
    const used = new Map([...quota.used].map(([n, v]) => [n, lowered.get(n) ?? v]));
    try {
      await ctx.store.update(key, withUsage(quota, used), current.metadata.resourceVersion);
      return;
    } catch (error) {
      if (error instanceof NotFoundError) return;
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

async function admit(ctx: ApiContext, evaluator: QuotaEvaluator, attempt: AdmissionAttempt): Promise<void> {
  const namespace = attempt.target.namespace;
  const check = new QuotaCheck(ctx, evaluator, attempt);
  let quotas = await listQuotas(ctx, namespace);
  const charged: Charge[] = [];
  try {
    for (let round = 0; quotas.length > 0; round++) {
      const charges = await check.charges(quotas);
      if (attempt.dryRun || charges.length === 0) return;
      // A create of a name that is taken fails in the store; charging for it would only leave usage too high.
      if (attempt.operation === "create" && round === 0) {
        const taken = await ctx.store.get(storeKey(ctx, attempt.target, attempt.object.metadata.name ?? ""));
        if (taken) return;
      }
      const failed: string[] = [];
      for (const charge of charges) {
        try {
          await ctx.store.update(quotaKey(ctx, namespace, charge.quota.name), withUsage(charge.quota, charge.used), charge.quota.object.metadata.resourceVersion);
          charged.push(charge);
        } catch (error) {
          if (error instanceof ConflictError) failed.push(charge.quota.name);
          else if (!(error instanceof NotFoundError)) throw error;
        }
      }
      if (failed.length === 0) return;
      if (round + 1 >= maxRounds) throw conflict({ group: "", resource: "resourcequotas", name: failed[0]! });
      // Someone else wrote those quotas in between: check again against what they hold now.
      quotas = (await listQuotas(ctx, namespace)).filter((q) => failed.includes(q.name));
    }
  } catch (error) {
    // Refused after some quotas were charged: give that back.
    for (const charge of charged) await release(ctx, namespace, charge.quota.name, charge.requested);
    throw error;
  }
}

export function resourceQuotaAdmission(ctx: ApiContext): AdmissionPlugin {
  const locks = new KeyedMutex();
  const inNamespace = <T>(namespace: string, task: () => Promise<T>) => locks.run(`${ctx.cluster}/${namespace}`, task);
  return {
    name: "ResourceQuota",
    mutate: (attempt) => quotaStatusOnWrite(ctx, attempt),
    validate: async (attempt) => {
      const { target } = attempt;
      if (target.subresource !== "" || !target.type.namespaced || target.namespace === "") return;
      const evaluator = evaluatorFor(target.type.group, target.type.plural);
      if (!evaluator?.handles(attempt.operation)) return;
      await inNamespace(target.namespace, () => admit(ctx, evaluator, attempt));
    },
    // Kubernetes' quota controller gives usage back when objects go (or pods finish) by measuring again; here the
    // difference is released as soon as the write is stored. The quota controller corrects any drift.
    committed: async ({ target, oldObject, object }: CommittedWrite) => {
      if (!target.type.namespaced) return;
      const evaluator = evaluatorFor(target.type.group, target.type.plural);
      if (!evaluator) return;
      const namespace = oldObject.metadata.namespace ?? target.namespace;
      // As charged: a pod past its deletion grace period was still charged for, so no clock here.
      const freed = removeZeros(subtractNonNegative(evaluator.usage(oldObject), object ? evaluator.usage(object) : new Map<string, Quantity>()));
      if (freed.size === 0) return;
      await inNamespace(namespace, async () => {
        for (const quota of await listQuotas(ctx, namespace)) {
          if (quotaMatches(quota, evaluator, oldObject)) await release(ctx, namespace, quota.name, maskList(freed, quota.hard.keys()));
        }
      });
    },
  };
}

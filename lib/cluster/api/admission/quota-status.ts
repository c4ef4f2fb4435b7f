import type { KubeObject } from "../../store/object-store";
import type { AdmissionAttempt } from "../admission";
import type { ApiContext } from "../rest/api-context";
import { deepEqual } from "../rest/deep-equal";
import { evaluatorsFor } from "./quota-evaluators";
import { calculateUsage, readQuota } from "./quota-usage";
import { maskList, readResourceList, writeResourceList } from "./resource-lists";

/**
 * A ResourceQuota written by a client gets the status Kubernetes' quota controller gives it moments later:
 * status.hard = spec.hard, and status.used measured from the namespace's objects (kept as it is when the
 * quota's scopes are unchanged and it already covers every resource that can be measured).
 */
export async function quotaStatusOnWrite(ctx: ApiContext, { target, object, oldObject, operation }: AdmissionAttempt): Promise<KubeObject> {
  if (target.type.group !== "" || target.type.plural !== "resourcequotas" || target.subresource !== "") return object;
  const hard = readResourceList((object.spec as { hard?: unknown } | undefined)?.hard);
  const names = [...hard.keys()];
  const current = readQuota(object);
  const measurable = evaluatorsFor(names).flatMap((e) => e.matchingResources(names));
  const scopesUnchanged = oldObject !== undefined && deepEqual(readQuota(oldObject).scopes, current.scopes);
  const used =
    operation === "update" && current.hasUsed && scopesUnchanged && measurable.every((name) => current.used.has(name))
      ? maskList(current.used, names)
      : await calculateUsage(ctx, target.namespace, names, current.scopes, operation === "create" ? [{ group: "", resource: "resourcequotas", object }] : []);
  const status = (object.status ?? {}) as Record<string, unknown>;
  return { ...object, status: { ...status, hard: writeResourceList(hard), used: writeResourceList(used) } };
}

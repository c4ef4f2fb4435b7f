import { evaluatorFor, evaluatorsFor } from "../api/admission/quota-evaluators";
import { readQuota } from "../api/admission/quota-usage";
import { readResourceList, writeResourceList } from "../api/admission/resource-lists";
import { compareQuantities } from "../api/quantity";
import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import type { Cache } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, type ResourceId } from "./runtime/resource-id";

// Which changes make the resource quota controller count a quota again, as kube-controller-manager's does: a spec
// its status does not reflect yet, and "replenishment" (something it tracks went, or stopped using what it used).
// Never a status change: admission charges every create there, and a recount racing those charges is how a quota
// used to let one object too many in. Everything else waits for the periodic resync.

const hardOf = (quota: KubeObject) => readResourceList((quota.spec as { hard?: unknown } | undefined)?.hard);

/** The status lacks spec.hard, or some tracked resource that can be measured has no usage yet. */
export function statusBehindSpec(quota: KubeObject): boolean {
  const hard = hardOf(quota);
  const status = (quota.status ?? {}) as { hard?: unknown; used?: unknown };
  if (!deepEqual(writeResourceList(readResourceList(status.hard)), writeResourceList(hard))) return true;
  const used = readResourceList(status.used);
  const names = [...hard.keys()];
  return evaluatorsFor(names).some((evaluator) => evaluator.matchingResources(names).some((name) => !used.has(name)));
}

/** Quota events: new (as Kubernetes counts every quota it learns of), changed in what it limits or selects, or with a status still to catch up. */
export function quotaSpecChanged(event: InformerEvent): string[] {
  if (event.type === "DELETED") return [];
  if (event.type === "ADDED") return [keyOf(event.object)];
  const { object, previous } = event;
  const specChanged =
    previous !== undefined &&
    (!deepEqual(writeResourceList(hardOf(previous)), writeResourceList(hardOf(object))) || !deepEqual(readQuota(previous).scopes, readQuota(object).scopes));
  return specChanged || statusBehindSpec(object) ? [keyOf(object)] : [];
}

/** Whether a change can only have lowered what the object counts for (or starts a pod's grace period). */
function released(resource: ResourceId, event: InformerEvent): boolean {
  if (event.type === "DELETED") return true;
  const { object, previous } = event;
  if (event.type !== "MODIFIED" || !previous) return false;
  const isPod = resource.group === "" && resource.plural === "pods";
  if (isPod && !previous.metadata.deletionTimestamp && object.metadata.deletionTimestamp) return true;
  const evaluator = evaluatorFor(resource.group, resource.plural);
  if (!evaluator) return false;
  const after = evaluator.usage(object);
  return [...evaluator.usage(previous)].some(([name, before]) => {
    const now = after.get(name);
    return now === undefined || compareQuantities(now, before) < 0;
  });
}

/** Events of a tracked kind: wake the quotas of the namespace that track it, when usage may have gone down. */
export function replenishment(resource: ResourceId) {
  const evaluator = evaluatorFor(resource.group, resource.plural);
  return (event: InformerEvent, cache: Cache): string[] => {
    if (!evaluator || !released(resource, event)) return [];
    return cache
      .list(resources.resourcequotas, event.object.metadata.namespace ?? "")
      .filter((quota) => evaluator.matchingResources(hardOf(quota).keys()).length > 0)
      .map(keyOf);
  };
}

import type { KubeObject } from "../../store/object-store";
import type { AdmissionAttempt, AdmissionPlugin } from "../admission";
import { compareQuantities, milliQuantityOf, quantityMilliValue, quantityOf, quantityValue } from "../quantity";
import { qualifiedResource } from "../resources/resource-type";
import type { ApiContext } from "../rest/api-context";
import { forbidden } from "../status";
import { maxConstraint, maxRequestConstraint, minConstraint, ratioConstraint } from "./limit-constraints";
import { defaultLimitRangeItem } from "./normalize-resources";
import { containersOf, type ContainerResources } from "./pod-resources";
import { readResourceList, writeResourceList, type ResourceList } from "./resource-lists";

// Kubernetes' LimitRanger (plugin/pkg/admission/limitranger): fills in a pod's container resources from the
// namespace's LimitRanges (mutating), then enforces their min, max and maxLimitRequestRatio for containers,
// pods and persistent volume claims (validating), in the same words.

type LimitRangeItem = {
  type: string;
  max: ResourceList;
  min: ResourceList;
  default: ResourceList;
  defaultRequest: ResourceList;
  maxLimitRequestRatio: ResourceList;
};

const limitRangerAnnotation = "kubernetes.io/limit-ranger";

function readItems(limitRange: KubeObject): LimitRangeItem[] {
  const limits = (limitRange.spec as { limits?: unknown } | undefined)?.limits;
  if (!Array.isArray(limits)) return [];
  return limits
    .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
    .map(defaultLimitRangeItem)
    .map((item) => ({
      type: typeof item.type === "string" ? item.type : "",
      max: readResourceList(item.max),
      min: readResourceList(item.min),
      default: readResourceList(item.default),
      defaultRequest: readResourceList(item.defaultRequest),
      maxLimitRequestRatio: readResourceList(item.maxLimitRequestRatio),
    }));
}

async function limitRangesIn(ctx: ApiContext, namespace: string): Promise<LimitRangeItem[][]> {
  const items = ctx.admissionCache
    ? await ctx.admissionCache.list("", "limitranges", namespace)
    : (await ctx.store.list({ cluster: ctx.cluster, group: "", resource: "limitranges", namespace })).items;
  return items.map(readItems);
}

// ---- mutating: defaults ----

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** mergeContainerResources: missing limits from `default`, missing requests from `defaultRequest`. */
function defaultContainer(container: unknown, limits: ResourceList, requests: ResourceList, prefix: string, notes: string[]): unknown {
  if (!isRecord(container)) return container;
  const resources: Json = isRecord(container.resources) ? { ...container.resources } : {};
  const fill = (field: "limits" | "requests", defaults: ResourceList): string[] => {
    const current: Json = isRecord(resources[field]) ? { ...resources[field] } : {};
    const set = [...defaults.keys()].filter((name) => !(name in current)).sort();
    if (set.length === 0) return [];
    const values = writeResourceList(defaults);
    for (const name of set) current[name] = values[name];
    resources[field] = Object.fromEntries(Object.keys(current).sort().map((k) => [k, current[k]]));
    return set;
  };
  const setLimits = fill("limits", limits);
  const setRequests = fill("requests", requests);
  const name = typeof container.name === "string" ? container.name : "";
  if (setRequests.length > 0) notes.push(`${setRequests.join(", ")} request for ${prefix} ${name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.join(", ")} limit for ${prefix} ${name}`);
  return setLimits.length + setRequests.length > 0 ? { ...container, resources } : container;
}

function applyDefaults(pod: KubeObject, items: LimitRangeItem[]): KubeObject {
  const limits: ResourceList = new Map();
  const requests: ResourceList = new Map();
  for (const item of items.filter((i) => i.type === "Container")) {
    for (const [name, value] of item.defaultRequest) requests.set(name, value);
    for (const [name, value] of item.default) limits.set(name, value);
  }
  if (limits.size === 0 && requests.size === 0) return pod;
  const spec: Json = isRecord(pod.spec) ? { ...pod.spec } : {};
  const notes: string[] = [];
  for (const [field, prefix] of [["containers", "container"], ["initContainers", "init container"]] as const) {
    if (Array.isArray(spec[field])) spec[field] = (spec[field] as unknown[]).map((c) => defaultContainer(c, limits, requests, prefix, notes));
  }
  if (notes.length === 0) return pod;
  const annotations = { ...((pod.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  annotations[limitRangerAnnotation] = `LimitRanger plugin set: ${notes.join("; ")}`;
  return { ...pod, metadata: { ...pod.metadata, annotations }, spec };
}

// ---- validating: min, max, ratio ----

function checkAll(type: string, item: LimitRangeItem, request: ResourceList, limit: ResourceList, errors: string[]): void {
  const push = (e: string | undefined) => e !== undefined && errors.push(e);
  for (const [name, v] of item.min) push(minConstraint(type, name, v, request, limit));
  for (const [name, v] of item.max) push(maxConstraint(type, name, v, request, limit));
  for (const [name, v] of item.maxLimitRequestRatio) push(ratioConstraint(type, name, v, request, limit));
}

/** sum(): each resource totalled over the containers, left out unless every container states it; cpu in milli. */
function sum(lists: ResourceList[]): ResourceList {
  const result: ResourceList = new Map();
  const names = new Set(lists.flatMap((l) => [...l.keys()]));
  for (const name of names) {
    if (!lists.every((l) => l.has(name))) continue;
    const total = lists.reduce((acc, l) => acc + (name === "cpu" ? quantityMilliValue(l.get(name)!) : quantityValue(l.get(name)!)), 0n);
    result.set(name, name === "cpu" ? milliQuantityOf(total) : quantityOf(total));
  }
  return result;
}

function validatePod(items: LimitRangeItem[], pod: KubeObject): string[] {
  const errors: string[] = [];
  const { containers, initContainers } = containersOf(pod);
  for (const item of items) {
    if (item.type === "Container") {
      for (const c of [...containers, ...initContainers]) checkAll("Container", item, c.requests, c.limits, errors);
    }
    if (item.type === "Pod") {
      const requests = sum(containers.map((c) => c.requests));
      const limits = sum(containers.map((c) => c.limits));
      // The pod needs the larger of its containers' total and any one init container.
      const atLeast = (list: ResourceList, init: ContainerResources, pick: (c: ContainerResources) => ResourceList) => {
        for (const [name, v] of pick(init)) {
          const current = list.get(name);
          if (!current || compareQuantities(v, current) > 0) list.set(name, v);
        }
      };
      for (const init of initContainers) {
        atLeast(requests, init, (c) => c.requests);
        atLeast(limits, init, (c) => c.limits);
      }
      checkAll("Pod", item, requests, limits, errors);
    }
  }
  return errors;
}

function validateClaim(items: LimitRangeItem[], claim: KubeObject): string[] {
  const errors: string[] = [];
  const requests = readResourceList((claim.spec as { resources?: { requests?: unknown } } | undefined)?.resources?.requests);
  for (const item of items.filter((i) => i.type === "PersistentVolumeClaim")) {
    for (const [name, v] of item.min) {
      const e = minConstraint("PersistentVolumeClaim", name, v, requests, new Map());
      if (e) errors.push(e);
    }
    for (const [name, v] of item.max) {
      const e = maxRequestConstraint("PersistentVolumeClaim", name, v, requests);
      if (e) errors.push(e);
    }
  }
  return errors;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several deduplicated in brackets. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(", ")}]`;
}

/** SupportsAttributes: pods on create (their resources cannot change later), claims on create and update. */
function applies({ target, operation, oldObject }: AdmissionAttempt, kinds: string[]): boolean {
  if (target.subresource !== "" || target.type.group !== "" || !kinds.includes(target.type.plural)) return false;
  if (target.type.plural === "pods" && operation !== "create") return false;
  // Objects on their way out are left alone.
  return !oldObject?.metadata.deletionTimestamp;
}

export function limitRangerAdmission(ctx: ApiContext): AdmissionPlugin {
  return {
    name: "LimitRanger",
    mutate: async (attempt) => {
      if (!applies(attempt, ["pods"])) return attempt.object;
      let pod = attempt.object;
      for (const items of await limitRangesIn(ctx, attempt.target.namespace)) pod = applyDefaults(pod, items);
      return pod;
    },
    validate: async (attempt) => {
      if (!applies(attempt, ["pods", "persistentvolumeclaims"])) return;
      const { target, object } = attempt;
      for (const items of await limitRangesIn(ctx, target.namespace)) {
        const errors = target.type.plural === "pods" ? validatePod(items, object) : validateClaim(items, object);
        if (errors.length > 0) {
          const name = object.metadata.name ?? "";
          throw forbidden(`${qualifiedResource(target.type)} "${name}" is forbidden: ${aggregate(errors)}`, {
            group: target.type.group,
            resource: target.type.plural,
            name,
          });
        }
      }
    },
  };
}

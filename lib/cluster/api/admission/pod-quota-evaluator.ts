import type { KubeObject } from "../../store/object-store";
import { quantityOf } from "../quantity";
import { containersOf, isBestEffort, podLimits, podRequests, podSpecOf } from "./pod-resources";
import type { QuotaEvaluator, ScopeSelector } from "./quota-evaluators";
import { addLists, type ResourceList } from "./resource-lists";

// What quota counts for a pod (k8s.io/kubernetes/pkg/quota/v1/evaluator/core/pods.go).

/** generic.ObjectCountQuotaResourceNameFor for pods. */
const podCount = "count/pods";
const one = () => quantityOf(1);

const podResourceNames = [
  podCount,
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
];
/** "It was a mistake, but if a quota tracks cpu or memory, the incoming pod is required to have those set." */
const validationSet = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

/** Extended resources (`example.com/gpu`) are quota'd only as `requests.<name>`. */
const isNativeResource = (name: string) => !name.includes("/") || name.includes("kubernetes.io/");
const isExtendedResourceName = (name: string) => !isNativeResource(name) && !name.startsWith("requests.");

/** podComputeUsageHelper */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = new Map([["pods", one()]]);
  for (const name of ["cpu", "memory", "ephemeral-storage"]) {
    const request = requests.get(name);
    if (request) {
      result.set(name, request);
      result.set(`requests.${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) result.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith("hugepages-")) {
      result.set(name, request);
      result.set(`requests.${name}`, request);
    }
    if (isExtendedResourceName(name)) result.set(`requests.${name}`, request);
  }
  return result;
}

type PodShape = {
  status?: { phase?: string };
  metadata: { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
};

/** QuotaV1Pod: terminal pods, and pods stuck terminating past their grace period, no longer use compute quota. */
function chargedForCompute(pod: KubeObject, now: Date | undefined): boolean {
  const { status, metadata } = pod as unknown as PodShape;
  if (status?.phase === "Failed" || status?.phase === "Succeeded") return false;
  if (now && metadata.deletionTimestamp && typeof metadata.deletionGracePeriodSeconds === "number") {
    const deadline = Date.parse(metadata.deletionTimestamp) + metadata.deletionGracePeriodSeconds * 1000;
    if (now.getTime() > deadline) return false;
  }
  return true;
}

function labelExpressionMatches(selector: ScopeSelector, labels: Record<string, string>): boolean {
  const value = labels[selector.scopeName];
  switch (selector.operator) {
    case "In":
      return value !== undefined && selector.values.includes(value);
    case "NotIn":
      return value === undefined || !selector.values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    default:
      return false;
  }
}

function usesCrossNamespacePodAffinity(pod: KubeObject): boolean {
  const affinity = podSpecOf(pod).affinity as Record<string, { requiredDuringSchedulingIgnoredDuringExecution?: unknown[]; preferredDuringSchedulingIgnoredDuringExecution?: { podAffinityTerm?: unknown }[] } | undefined> | undefined;
  const crossNamespace = (term: unknown) => {
    const t = (term ?? {}) as { namespaces?: unknown[]; namespaceSelector?: unknown };
    return (Array.isArray(t.namespaces) && t.namespaces.length > 0) || (t.namespaceSelector !== undefined && t.namespaceSelector !== null);
  };
  return [affinity?.podAffinity, affinity?.podAntiAffinity].some(
    (a) =>
      (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).some(crossNamespace) ||
      (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((w) => crossNamespace(w.podAffinityTerm)),
  );
}

function podMatchesScope(selector: ScopeSelector, pod: KubeObject): boolean {
  const spec = podSpecOf(pod);
  const terminating = typeof spec.activeDeadlineSeconds === "number" && spec.activeDeadlineSeconds >= 0;
  switch (selector.scopeName) {
    case "Terminating":
      return terminating;
    case "NotTerminating":
      return !terminating;
    case "BestEffort":
      return isBestEffort(pod);
    case "NotBestEffort":
      return !isBestEffort(pod);
    case "PriorityClass": {
      const priorityClass = typeof spec.priorityClassName === "string" ? spec.priorityClassName : "";
      if (selector.operator === "Exists") return priorityClass !== "";
      return labelExpressionMatches(selector, priorityClass ? { PriorityClass: priorityClass } : {});
    }
    case "CrossNamespacePodAffinity":
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}

export const podEvaluator: QuotaEvaluator = {
  group: "",
  resource: "pods",
  handles: (operation) => operation === "create",
  matchingResources: (input) =>
    [...input].filter((name) => podResourceNames.includes(name) || name.startsWith("hugepages-") || name.startsWith("requests.hugepages-") || (name.startsWith("requests.") && !isNativeResource(name))),
  matchesScope: podMatchesScope,
  usage: (pod, now) => {
    // count/pods tracks every pod in storage; "pods" and compute only the ones still running or to run.
    const result: ResourceList = new Map([[podCount, one()]]);
    if (!chargedForCompute(pod, now)) return result;
    return addLists(result, computeUsage(podRequests(pod), podLimits(pod)));
  },
  constraints: (required, pod) => {
    const requiredSet = required.filter((name) => validationSet.includes(name));
    const missing = new Map<string, Set<string>>();
    const { containers, initContainers } = containersOf(pod);
    for (const container of [...containers, ...initContainers]) {
      const has = computeUsage(container.requests, container.limits);
      for (const name of requiredSet) {
        if (has.has(name)) continue;
        if (!missing.has(name)) missing.set(name, new Set());
        missing.get(name)!.add(container.name);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(",")}`);
    return `must specify ${parts.join("; ")}`;
  },
};

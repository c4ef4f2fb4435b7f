import type { KubeObject } from "../../store/object-store";
import { quantityOf, type Quantity } from "../quantity";
import { podEvaluator } from "./pod-quota-evaluator";
import { readResourceList, type ResourceList } from "./resource-lists";

// What quota counts for each kind of object: k8s.io/kubernetes/pkg/quota/v1/evaluator/core (pods, services,
// persistentvolumeclaims, the legacy object-count names) and the generic `count/<resource>.<group>` evaluator.

/** A quota scope (spec.scopes) or scopeSelector expression. */
export type ScopeSelector = { scopeName: string; operator: string; values: string[] };

export type QuotaEvaluator = {
  group: string;
  resource: string;
  /** Whether this operation can change usage (object counts change only on create). */
  handles: (operation: "create" | "update") => boolean;
  /** The quota resource names, among `names`, this evaluator measures. */
  matchingResources: (names: Iterable<string>) => string[];
  matchesScope: (selector: ScopeSelector, object: KubeObject) => boolean;
  /** `now` decides whether a pod past its deletion grace period still counts; omit it to count the pod as charged. */
  usage: (object: KubeObject, now?: Date) => ResourceList;
  /** Why the object cannot be admitted under a quota tracking `required` (the "must specify" rule for pods). */
  constraints?: (required: string[], object: KubeObject) => string | undefined;
};

const one = (): Quantity => quantityOf(1);
const zero = (): Quantity => quantityOf(0);
const noScope = () => false;

/** generic.ObjectCountQuotaResourceNameFor: `count/pods`, `count/deployments.apps`. */
export function objectCountName(group: string, resource: string): string {
  return group === "" ? `count/${resource}` : `count/${resource}.${group}`;
}

const intersect = (names: Iterable<string>, known: readonly string[]) => [...names].filter((n) => known.includes(n));

function objectCountEvaluator(group: string, resource: string, alias?: string): QuotaEvaluator {
  const names = [objectCountName(group, resource), ...(alias ? [alias] : [])];
  return {
    group,
    resource,
    handles: (operation) => operation === "create",
    matchingResources: (input) => intersect(input, names),
    matchesScope: noScope,
    usage: () => new Map(names.map((name) => [name, one()])),
  };
}

// ---- services ----

const serviceResourceNames = [objectCountName("", "services"), "services", "services.nodeports", "services.loadbalancers"];

const serviceEvaluator: QuotaEvaluator = {
  group: "",
  resource: "services",
  // The type of a service can change, and with it the node ports and load balancers it uses.
  handles: () => true,
  matchingResources: (input) => intersect(input, serviceResourceNames),
  matchesScope: noScope,
  usage: (service) => {
    const spec = (service.spec ?? {}) as { type?: string; ports?: { nodePort?: number }[]; allocateLoadBalancerNodePorts?: boolean };
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const result: ResourceList = new Map([
      [objectCountName("", "services"), one()],
      ["services", one()],
      ["services.loadbalancers", zero()],
      ["services.nodeports", zero()],
    ]);
    if (spec.type === "NodePort") result.set("services.nodeports", quantityOf(ports.length));
    if (spec.type === "LoadBalancer") {
      const nodePorts = spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p?.nodePort).length : ports.length;
      result.set("services.nodeports", quantityOf(nodePorts));
      result.set("services.loadbalancers", one());
    }
    return result;
  },
};

// ---- persistent volume claims ----

const storageClassSuffix = ".storageclass.storage.k8s.io/";
const pvcResourceNames = ["persistentvolumeclaims", "requests.storage"];

function storageClassOf(pvc: KubeObject): string {
  const annotations = (pvc.metadata.annotations ?? {}) as Record<string, string>;
  const beta = annotations["volume.beta.kubernetes.io/storage-class"];
  if (beta !== undefined) return beta;
  const name = (pvc.spec as { storageClassName?: unknown } | undefined)?.storageClassName;
  return typeof name === "string" ? name : "";
}

/** Storage is counted in whole bytes, and never below what has already been allocated. */
function storageUsage(pvc: KubeObject): Quantity | undefined {
  const roundUp = (q: Quantity): Quantity => {
    const rest = q.nanos % 1_000_000_000n;
    return rest === 0n ? q : { ...q, nanos: q.nanos - rest + (q.nanos > 0n ? 1_000_000_000n : 0n) };
  };
  const spec = (pvc.spec ?? {}) as { resources?: { requests?: unknown } };
  const requested = readResourceList(spec.resources?.requests).get("storage");
  if (!requested) return undefined;
  const allocated = readResourceList((pvc.status as { allocatedResources?: unknown } | undefined)?.allocatedResources).get("storage");
  return roundUp(allocated && allocated.nanos > requested.nanos ? allocated : requested);
}

const pvcEvaluator: QuotaEvaluator = {
  group: "",
  resource: "persistentvolumeclaims",
  handles: () => true,
  matchingResources: (input) =>
    [...input].filter(
      (name) =>
        name === objectCountName("", "persistentvolumeclaims") ||
        pvcResourceNames.includes(name) ||
        pvcResourceNames.some((r) => name.endsWith(storageClassSuffix + r)),
    ),
  matchesScope: noScope,
  usage: (pvc) => {
    const result: ResourceList = new Map([
      ["persistentvolumeclaims", one()],
      [objectCountName("", "persistentvolumeclaims"), one()],
    ]);
    const storageClass = storageClassOf(pvc);
    if (storageClass) result.set(`${storageClass}${storageClassSuffix}persistentvolumeclaims`, one());
    const storage = storageUsage(pvc);
    if (storage) {
      result.set("requests.storage", storage);
      if (storageClass) result.set(`${storageClass}${storageClassSuffix}requests.storage`, storage);
    }
    return result;
  },
};

// ---- the registry ----

const legacyAliases: Record<string, string> = {
  configmaps: "configmaps",
  resourcequotas: "resourcequotas",
  replicationcontrollers: "replicationcontrollers",
  secrets: "secrets",
};

const specialEvaluators = [podEvaluator, serviceEvaluator, pvcEvaluator];

/** Virtual or event-like resources quota never counts (pkg/quota/v1/install ignoredResources). */
const ignoredResources = new Set([
  "/events",
  "/bindings",
  "/componentstatuses",
  "authentication.k8s.io/tokenreviews",
  "authentication.k8s.io/selfsubjectreviews",
  "authorization.k8s.io/subjectaccessreviews",
  "authorization.k8s.io/selfsubjectaccessreviews",
  "authorization.k8s.io/localsubjectaccessreviews",
  "authorization.k8s.io/selfsubjectrulesreviews",
]);

/** Evaluators are stateless: one per served resource, made on first use (every admitted write asks for one). */
const servedEvaluators = new Map<string, QuotaEvaluator>();
const legacyEvaluators = Object.keys(legacyAliases).map((resource) => objectCountEvaluator("", resource, legacyAliases[resource]));

/** The evaluator for writes to group/resource; undefined for resources quota ignores. */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator | undefined {
  const id = `${group}/${resource}`;
  if (ignoredResources.has(id)) return undefined;
  let evaluator = servedEvaluators.get(id);
  if (!evaluator) {
    evaluator =
      specialEvaluators.find((e) => e.group === group && e.resource === resource) ??
      legacyEvaluators.find((e) => e.group === group && e.resource === resource) ??
      objectCountEvaluator(group, resource);
    servedEvaluators.set(id, evaluator);
  }
  return evaluator;
}

/** Every evaluator that measures one of `names` (for recalculating a quota's usage from the objects). */
export function evaluatorsFor(names: string[]): QuotaEvaluator[] {
  const evaluators: QuotaEvaluator[] = [...specialEvaluators, ...legacyEvaluators];
  for (const name of names) {
    if (!name.startsWith("count/")) continue;
    const rest = name.slice("count/".length);
    const dot = rest.indexOf(".");
    const [resource, group] = dot === -1 ? [rest, ""] : [rest.slice(0, dot), rest.slice(dot + 1)];
    if (!evaluators.some((e) => e.group === group && e.resource === resource)) {
      evaluators.push(objectCountEvaluator(group, resource));
    }
  }
  return evaluators.filter((e) => e.matchingResources(names).length > 0);
}

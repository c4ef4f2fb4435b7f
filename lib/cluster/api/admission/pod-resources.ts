import type { KubeObject } from "../../store/object-store";
import { addQuantities, compareQuantities } from "../quantity";
import { readResourceList, type ResourceList } from "./resource-lists";

// A pod's containers and what they ask for, as k8s.io/kubernetes/pkg/api/v1/resource (PodRequests, PodLimits)
// and pkg/apis/core/v1/helper/qos compute it.

export type ContainerResources = {
  name: string;
  requests: ResourceList;
  limits: ResourceList;
  /** Init containers with restartPolicy Always run alongside the app containers (sidecars). */
  sidecar: boolean;
};

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function podSpecOf(pod: KubeObject): Json {
  return isRecord(pod.spec) ? pod.spec : {};
}

function containerResources(raw: unknown): ContainerResources {
  const container = isRecord(raw) ? raw : {};
  const resources = isRecord(container.resources) ? container.resources : {};
  return {
    name: typeof container.name === "string" ? container.name : "",
    requests: readResourceList(resources.requests),
    limits: readResourceList(resources.limits),
    sidecar: container.restartPolicy === "Always",
  };
}

export function containersOf(pod: KubeObject): { containers: ContainerResources[]; initContainers: ContainerResources[] } {
  const spec = podSpecOf(pod);
  const list = (field: string) => (Array.isArray(spec[field]) ? (spec[field] as unknown[]).map(containerResources) : []);
  return { containers: list("containers"), initContainers: list("initContainers") };
}

/** addResourceList: sums into `list`. */
function addInto(list: ResourceList, add: ResourceList): void {
  for (const [name, value] of add) {
    const current = list.get(name);
    list.set(name, current ? addQuantities(current, value) : value);
  }
}

/** maxResourceList: the larger of each resource, into `list`. */
function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [name, value] of other) {
    const current = list.get(name);
    if (!current || compareQuantities(value, current) > 0) list.set(name, value);
  }
}

/**
 * What the pod as a whole needs: app containers (and sidecars) add up; each ordinary init container runs alone
 * (alongside the sidecars started before it), so the pod needs the larger of the two.
 */
function aggregate(pod: KubeObject, pick: (c: ContainerResources) => ResourceList): ResourceList {
  const { containers, initContainers } = containersOf(pod);
  const total: ResourceList = new Map();
  for (const container of containers) addInto(total, pick(container));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const container of initContainers) {
    let running: ResourceList;
    if (container.sidecar) {
      addInto(total, pick(container));
      addInto(sidecars, pick(container));
      running = sidecars;
    } else {
      running = new Map();
      addInto(running, pick(container));
      addInto(running, sidecars);
    }
    maxInto(initPeak, running);
  }
  maxInto(total, initPeak);
  return total;
}

const podLevelResources = (pod: KubeObject, field: "requests" | "limits"): ResourceList => {
  const resources = podSpecOf(pod).resources;
  const list = readResourceList(isRecord(resources) ? resources[field] : undefined);
  return new Map([...list].filter(([name]) => name === "cpu" || name === "memory" || name.startsWith("hugepages-")));
};

/** resourcehelper.PodRequests: containers, pod-level requests where set, plus the runtime overhead. */
export function podRequests(pod: KubeObject): ResourceList {
  const requests = aggregate(pod, (c) => c.requests);
  for (const [name, value] of podLevelResources(pod, "requests")) requests.set(name, value);
  addInto(requests, readResourceList(podSpecOf(pod).overhead));
  return requests;
}

/** resourcehelper.PodLimits: containers, pod-level limits where set, plus overhead on the limits that exist. */
export function podLimits(pod: KubeObject): ResourceList {
  const limits = aggregate(pod, (c) => c.limits);
  for (const [name, value] of podLevelResources(pod, "limits")) limits.set(name, value);
  for (const [name, value] of readResourceList(podSpecOf(pod).overhead)) {
    const current = limits.get(name);
    if (current) limits.set(name, addQuantities(current, value));
  }
  return limits;
}

/** QoS class BestEffort: no container asks for or is limited in cpu or memory. */
export function isBestEffort(pod: KubeObject): boolean {
  const { containers, initContainers } = containersOf(pod);
  const asks = (list: ResourceList) =>
    ["cpu", "memory"].some((name) => {
      const value = list.get(name);
      return value !== undefined && value.nanos > 0n;
    });
  const podLevel = [podLevelResources(pod, "requests"), podLevelResources(pod, "limits")];
  return ![...containers, ...initContainers].some((c) => asks(c.requests) || asks(c.limits)) && !podLevel.some(asks);
}

import type { KubeObject } from "../store/object-store";
import type { Cache } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources } from "./runtime/resource-id";

// What the Endpoints and EndpointSlice controllers both read from Services and Pods, as Kubernetes'
// endpoint utilities do (pkg/controller/util/endpoint, pkg/api/v1/pod): which pods a Service selects,
// whether a pod is ready, which port a service port reaches on it.

export type ServicePort = { name?: string; port?: number; protocol?: string; targetPort?: number | string; appProtocol?: string };
export type ServiceSpec = {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  type?: string;
  publishNotReadyAddresses?: boolean;
  ipFamilies?: string[];
};
type ContainerPort = { name?: string; containerPort?: number; protocol?: string };
type PodSpec = { nodeName?: string; hostname?: string; subdomain?: string; containers?: { ports?: ContainerPort[] }[] };
type PodStatus = { phase?: string; podIP?: string; podIPs?: { ip?: string }[]; conditions?: { type?: string; status?: string }[] };

export const serviceSpec = (service: KubeObject) => (service.spec ?? {}) as ServiceSpec;
const podSpec = (pod: KubeObject) => (pod.spec ?? {}) as PodSpec;
const podStatus = (pod: KubeObject) => (pod.status ?? {}) as PodStatus;

/** A Service with no selector (or an empty one) has its endpoints written by someone else: controllers leave it. */
export function selectorOf(service: KubeObject): Record<string, string> | undefined {
  const selector = serviceSpec(service).selector;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

export function selects(selector: Record<string, string>, pod: KubeObject): boolean {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export const isHeadless = (service: KubeObject) => serviceSpec(service).clusterIP === "None";

/** The pods a Service selects, in name order. */
export function selectedPods(cache: Cache, service: KubeObject): KubeObject[] {
  const selector = selectorOf(service);
  if (!selector) return [];
  return cache
    .list(resources.pods, service.metadata.namespace ?? "")
    .filter((pod) => selects(selector, pod))
    .sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
}

/** Keys of the Services whose selector matches the pod before or after a change (what a pod event wakes). */
export function servicesSelecting(event: InformerEvent, cache: Cache): string[] {
  const keys = new Set<string>();
  const namespace = event.object.metadata.namespace ?? "";
  for (const service of cache.list(resources.services, namespace)) {
    const selector = selectorOf(service);
    if (!selector) continue;
    if (selects(selector, event.object) || (event.previous && selects(selector, event.previous))) keys.add(keyOf(service));
  }
  return [...keys];
}

export function isPodReady(pod: KubeObject): boolean {
  return (podStatus(pod).conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

export const isTerminating = (pod: KubeObject) => pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;

/** The pod's IPv4 address, if it has one yet (the kubelet reports it in status.podIP / podIPs). */
export function podIPv4(pod: KubeObject): string | undefined {
  const status = podStatus(pod);
  const candidates = [status.podIP, ...(status.podIPs ?? []).map((p) => p.ip)];
  return candidates.find((ip): ip is string => typeof ip === "string" && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip));
}

/** ShouldPodBeInEndpoints: not finished, has an address, and (unless terminating ones are wanted) not going. */
export function podBelongs(pod: KubeObject, includeTerminating: boolean): boolean {
  const phase = podStatus(pod).phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (!podIPv4(pod)) return false;
  return includeTerminating || !isTerminating(pod);
}

/** FindPort: a number is used as it is; a name is looked up among the pod's container ports of that protocol. */
export function resolvePort(pod: KubeObject, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  if (typeof target === "string" && /^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? "TCP";
  for (const container of podSpec(pod).containers ?? []) {
    for (const cp of container.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? "TCP") === protocol && typeof cp.containerPort === "number") return cp.containerPort;
    }
  }
  return undefined;
}

/** A pod's DNS hostname under a Service: only when its subdomain names that Service (StatefulSet pods). */
export function hostnameFor(pod: KubeObject, service: KubeObject): string | undefined {
  const spec = podSpec(pod);
  if (!spec.hostname || spec.subdomain !== service.metadata.name || pod.metadata.namespace !== service.metadata.namespace) return undefined;
  return spec.hostname;
}

export const nodeNameOf = (pod: KubeObject) => podSpec(pod).nodeName || undefined;

export function podRef(pod: KubeObject) {
  return { kind: "Pod", namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "" };
}

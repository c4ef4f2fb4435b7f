import { deepEqual } from "../rest/deep-equal";

// The parts of a Service spec that allocation reads and writes, and the update-time fix-ups Kubernetes applies
// to them (pkg/registry/core/service: dropTypeDependentFields, patchAllocatedValues, normalizeClusterIPs).
// The functions change the spec they are given: callers pass a copy.

export type ServicePortSpec = {
  name?: string;
  port?: number;
  protocol?: string;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
};

export type ServiceSpec = {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePortSpec[];
  selector?: Record<string, string>;
  externalName?: string;
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  publishNotReadyAddresses?: boolean;
  [field: string]: unknown;
};

export const clusterIPNone = "None";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The spec as Go would decode it: nulls are absent (zero values), list items of the wrong kind become zero
 * values that validation then refuses. The schema check before admission has already refused wrong types.
 */
export function readServiceSpec(raw: unknown): ServiceSpec {
  const spec: ServiceSpec = {};
  if (!isRecord(raw)) return spec;
  for (const [key, value] of Object.entries(raw)) if (value !== null && value !== undefined) spec[key] = value;
  if (Array.isArray(spec.clusterIPs)) spec.clusterIPs = spec.clusterIPs.map(text);
  if (Array.isArray(spec.ipFamilies)) spec.ipFamilies = spec.ipFamilies.map(text);
  if (Array.isArray(spec.ports)) {
    spec.ports = spec.ports.map((port: unknown) => {
      const out: ServicePortSpec = {};
      if (!isRecord(port)) return out;
      for (const [key, value] of Object.entries(port)) if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
      return out;
    });
  } else delete spec.ports;
  if (!isRecord(spec.selector)) delete spec.selector;
  return spec;
}

export const needsClusterIP = (spec: ServiceSpec) => spec.type !== "ExternalName";
export const needsNodePort = (spec: ServiceSpec) => spec.type === "NodePort" || spec.type === "LoadBalancer";
export const needsHealthCheckNodePort = (spec: ServiceSpec) => spec.type === "LoadBalancer" && spec.externalTrafficPolicy === "Local";
export const isHeadless = (spec: ServiceSpec) => spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === clusterIPNone;
export const hasSelector = (spec: ServiceSpec) => Object.keys(spec.selector ?? {}).length > 0;

/** LoadBalancer Services may opt out of node ports (allocateLoadBalancerNodePorts: false). */
export const allocatesNodePorts = (spec: ServiceSpec) => spec.type === "NodePort" || (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);

/** Every cluster IP and node port a stored Service holds: what its allocation records must cover. */
export function heldValues(spec: ServiceSpec): { ips: string[]; nodePorts: number[] } {
  const ips = needsClusterIP(spec) ? (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).filter((ip) => ip !== "" && ip !== clusterIPNone) : [];
  const nodePorts = new Set<number>();
  if (needsNodePort(spec)) for (const port of spec.ports ?? []) if (port.nodePort) nodePorts.add(port.nodePort);
  if (needsHealthCheckNodePort(spec) && spec.healthCheckNodePort) nodePorts.add(spec.healthCheckNodePort);
  return { ips, nodePorts: [...nodePorts] };
}

const nodePortSet = (spec: ServiceSpec) => new Set((spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
const sameClusterIPs = (a: ServiceSpec, b: ServiceSpec) => (a.clusterIP ?? "") === (b.clusterIP ?? "") && deepEqual(a.clusterIPs ?? [], b.clusterIPs ?? []);

/**
 * A Service changing type drops what the new type cannot use, unless the client changed it too (then
 * validation speaks). Returns whether the load balancer status must go (it describes a type no longer there).
 */
export function dropTypeDependentFields(spec: ServiceSpec, old: ServiceSpec): { clearLoadBalancerStatus: boolean } {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (sameClusterIPs(old, spec)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (deepEqual(old.ipFamilies ?? [], spec.ipFamilies ?? [])) delete spec.ipFamilies;
    if ((old.ipFamilyPolicy ?? "") === (spec.ipFamilyPolicy ?? "")) delete spec.ipFamilyPolicy;
  }
  const oldPorts = nodePortSet(old);
  if (needsNodePort(old) && !needsNodePort(spec) && [...nodePortSet(spec)].every((n) => oldPorts.has(n))) {
    spec.ports = spec.ports?.map(({ nodePort: _dropped, ...port }) => port);
  }
  if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(spec) && old.healthCheckNodePort === spec.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (old.type === "LoadBalancer" && spec.type !== "LoadBalancer") {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass === old.loadBalancerClass) delete spec.loadBalancerClass;
  }
  const externallyAccessible = (s: ServiceSpec) => needsNodePort(s) || (s.type === "ClusterIP" && Array.isArray(s.externalIPs) && s.externalIPs.length > 0);
  if (externallyAccessible(old) && !externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  return { clearLoadBalancerStatus: spec.type !== "LoadBalancer" };
}

/** A client that resubmits its original YAML (no clusterIP, no nodePorts) keeps what was allocated for it. */
export function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (old.clusterIPs ?? []).length > 0) spec.clusterIPs = [...old.clusterIPs!];
  }
  if (needsNodePort(old) && needsNodePort(spec) && spec.ports) {
    const newPorts = nodePortSet(spec);
    const used = new Set([...nodePortSet(old)].filter((n) => newPorts.has(n)));
    // By port name: the client may have changed anything else about the port.
    const byName = new Map((old.ports ?? []).map((p) => [p.name ?? "", p.nodePort ?? 0]));
    spec.ports = spec.ports.map((port) => {
      const previous = byName.get(port.name ?? "") ?? 0;
      return port.nodePort || !previous || used.has(previous) ? port : { ...port, nodePort: previous };
    });
  }
  if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(spec) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/** Keeps clusterIP and clusterIPs in step: old clients send only the singular field. */
export function normalizeClusterIPs(spec: ServiceSpec, old: ServiceSpec | undefined): void {
  if (!old) {
    if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if ((old.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length === 0 && (old.clusterIP ?? "") === (spec.clusterIP ?? "")) {
    spec.clusterIPs = [...old.clusterIPs!];
  }
  if ((old.clusterIP ?? "") !== (spec.clusterIP ?? "") && deepEqual(old.clusterIPs ?? [], spec.clusterIPs ?? [])) {
    if (old.clusterIP && !spec.clusterIP) delete spec.clusterIPs;
    else spec.clusterIPs = [spec.clusterIP ?? ""];
  }
}

/**
 * ipFamilyPolicy and ipFamilies as a single-stack IPv4 cluster sets them: the policy kept from before or
 * SingleStack, except that a headless Service without a selector is RequireDualStack and lists both families
 * (its addresses come from whoever writes its endpoints, so the cluster's families do not bound them).
 */
export function initIPFamilyFields(spec: ServiceSpec, old: ServiceSpec | undefined): void {
  if (!needsClusterIP(spec)) return;
  const headlessWithoutSelector = spec.clusterIP === clusterIPNone && !hasSelector(spec);
  if (spec.ipFamilyPolicy === undefined) {
    if (old?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.ipFamilyPolicy;
    else spec.ipFamilyPolicy = headlessWithoutSelector ? "RequireDualStack" : "SingleStack";
  }
  if (spec.ipFamilyPolicy === "SingleStack" && old && (spec.ipFamilies ?? []).length > 1 && deepEqual(old.ipFamilies ?? [], spec.ipFamilies ?? [])) {
    spec.ipFamilies = spec.ipFamilies!.slice(0, 1);
  }
  if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = ["IPv4"];
  if (headlessWithoutSelector && spec.ipFamilyPolicy !== "SingleStack" && spec.ipFamilies!.length < 2) {
    spec.ipFamilies = [...spec.ipFamilies!, spec.ipFamilies![0] === "IPv4" ? "IPv6" : "IPv4"];
  }
}

/** The Services `kubectl create service …` and `kubectl expose` build. */
import type { JsonObject, JsonValue } from "../../../cluster/api/patch/json-value";
import { GeneratorError } from "./generator-error";

/** intstr.Parse: a number when the text is one, else the text (a named port). */
export function intOrString(text: string): number | string {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function parsePort(text: string, tcp: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new GeneratorError(`invalid port ${JSON.stringify(text)}: ${tcp}`);
  return Number(text);
}

export type CreateServiceOptions = {
  name: string;
  type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  tcp: string[];
  nodePort: number;
  clusterIP?: string;
  externalName?: string;
  namespace?: string;
};

export function createServiceObject(o: CreateServiceOptions): JsonObject {
  if (o.type !== "ExternalName" && o.tcp.length === 0 && o.clusterIP !== "None") {
    throw new GeneratorError("at least one tcp port specifier must be provided");
  }
  const ports: JsonObject[] = o.tcp.map((tcp) => {
    const [portText = "", targetText, extra] = tcp.split(":");
    if (extra !== undefined) throw new GeneratorError(`invalid port format ${tcp}, expected port or port:targetPort`);
    const port = parsePort(portText, tcp);
    const entry: JsonObject = { name: tcp.replace(/:/g, "-"), protocol: "TCP", port, targetPort: targetText === undefined ? port : intOrString(targetText) };
    if (o.nodePort > 0) entry.nodePort = o.nodePort;
    return entry;
  });
  const spec: JsonObject = {};
  if (ports.length > 0) spec.ports = ports;
  spec.selector = { app: o.name };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  spec.type = o.type;
  if (o.externalName) spec.externalName = o.externalName;
  return {
    kind: "Service",
    apiVersion: "v1",
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels: { app: o.name } },
    spec,
    status: { loadBalancer: {} },
  };
}

export type ExposeOptions = {
  name: string;
  selector: Record<string, string>;
  labels?: Record<string, JsonValue>;
  /** Ports from --port, or those the exposed object declares. */
  ports: { port: number; protocol: string; name?: string }[];
  targetPort?: string;
  type?: string;
  clusterIP?: string;
  externalIP?: string;
  namespace?: string;
};

/** `kubectl expose`: one port unnamed, several named `port-1`, `port-2`… (or by the container port's name). */
export function exposeServiceObject(o: ExposeOptions): JsonObject {
  const ports = o.ports.map((p, index) => {
    return {
      ...(o.ports.length > 1 ? { name: `port-${index + 1}` } : {}),
      protocol: p.protocol,
      port: p.port,
      targetPort: o.targetPort !== undefined ? intOrString(o.targetPort) : p.port,
    };
  });
  const spec: JsonObject = { ports, selector: o.selector };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (o.type) spec.type = o.type;
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  const metadata: JsonObject = { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) };
  if (o.labels && Object.keys(o.labels).length > 0) metadata.labels = o.labels;
  return { kind: "Service", apiVersion: "v1", metadata, spec, status: { loadBalancer: {} } };
}

/** The selector expose uses: a Service's selector, a workload's matchLabels, a pod's labels. */
export function selectorForExpose(object: JsonObject): Record<string, string> | string {
  const kind = typeof object.kind === "string" ? object.kind : "";
  const spec = (object.spec ?? {}) as JsonObject;
  const metadata = (object.metadata ?? {}) as JsonObject;
  if (kind === "Pod") {
    const labels = (metadata.labels ?? {}) as Record<string, string>;
    if (Object.keys(labels).length === 0) return `the pod has no labels and cannot be exposed`;
    return labels;
  }
  if (kind === "Service") {
    const selector = spec.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return `the service has no pod selector set`;
    return selector;
  }
  if (kind === "ReplicationController") return (spec.selector ?? {}) as Record<string, string>;
  const selector = (spec.selector ?? {}) as JsonObject;
  if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0) {
    return `couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format`;
  }
  return (selector.matchLabels ?? {}) as Record<string, string>;
}

/** Ports expose takes from the object when --port is not given: a Service's ports, else the pod template's. */
export function portsForExpose(object: JsonObject): { port: number; protocol: string; name?: string }[] {
  const spec = (object.spec ?? {}) as JsonObject;
  if (object.kind === "Service") {
    return ((spec.ports ?? []) as JsonObject[]).map((p) => ({ port: Number(p.port), protocol: typeof p.protocol === "string" ? p.protocol : "TCP", ...(typeof p.name === "string" ? { name: p.name } : {}) }));
  }
  const podSpec = (object.kind === "Pod" ? spec : (((spec.template ?? {}) as JsonObject).spec ?? {})) as JsonObject;
  const out: { port: number; protocol: string; name?: string }[] = [];
  for (const container of (podSpec.containers ?? []) as JsonObject[]) {
    for (const p of (container.ports ?? []) as JsonObject[]) {
      out.push({ port: Number(p.containerPort), protocol: typeof p.protocol === "string" ? p.protocol : "TCP", ...(typeof p.name === "string" ? { name: p.name } : {}) });
    }
  }
  return out;
}

import { resources } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { dataOf, fieldValue, type Container, type ViewSource } from "./container-view";
import { filesCreatedBy, type ContainerRun } from "./container-runtime";
import { expandReferences } from "./expand-references";
import { parseImage } from "./image-catalog";

// A container's environment in the kubelet's order: image defaults, Kubernetes' service variables, envFrom, env.

/** The same version the container's start-up log names (container-logs.ts). */
const nginxVersion = (tag: string) => (/^\d+\.\d+\.\d+$/.test(tag) ? tag : /^\d+\.\d+$/.test(tag) ? `${tag}.0` : "1.27.3");

function imageDefaults(imageRef: string, podName: string): [string, string][] {
  const ref = parseImage(imageRef);
  const path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  const out: [string, string][] = [["PATH", path], ["HOSTNAME", podName]];
  if (ref.repository.endsWith("/nginx")) out.push(["NGINX_VERSION", nginxVersion(ref.tag)], ["NJS_VERSION", "0.8.7"], ["PKG_RELEASE", "1~bookworm"]);
  if (ref.repository.startsWith("docker.io/nigelpoulton/") || ref.repository.endsWith("/node")) out.push(["NODE_VERSION", "20.18.0"], ["YARN_VERSION", "1.22.22"]);
  if (ref.repository.endsWith("/python")) out.push(["PYTHON_VERSION", "3.12.7"], ["LANG", "C.UTF-8"]);
  if (ref.repository.endsWith("/redis")) out.push(["REDIS_VERSION", "7.4.1"]);
  out.push(["HOME", "/root"]);
  return out;
}

type ServicePort = { name?: string; port?: number; protocol?: string };

/** `<SVC>_SERVICE_HOST` and friends for each non-headless Service that existed when the pod was created. */
function serviceVariables(source: ViewSource, pod: KubeObject): [string, string][] {
  const created = pod.metadata.creationTimestamp ?? "";
  const services = [...source.list(resources.services, pod.metadata.namespace ?? "")];
  const master = source.get(resources.services, "default", "kubernetes");
  if (master && pod.metadata.namespace !== "default") services.push(master);
  const out: [string, string][] = [];
  for (const service of services) {
    const spec = (service.spec ?? {}) as { clusterIP?: string; ports?: ServicePort[] };
    if (!spec.clusterIP || spec.clusterIP === "None" || (created && (service.metadata.creationTimestamp ?? "") > created)) continue;
    const prefix = (service.metadata.name ?? "").toUpperCase().replaceAll("-", "_");
    const ports = spec.ports ?? [];
    const first = ports[0];
    if (!first) continue;
    out.push([`${prefix}_SERVICE_HOST`, spec.clusterIP], [`${prefix}_SERVICE_PORT`, String(first.port ?? "")]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replaceAll("-", "_")}`, String(p.port ?? "")]);
    out.push([`${prefix}_PORT`, `${(first.protocol ?? "TCP").toLowerCase()}://${spec.clusterIP}:${first.port ?? ""}`]);
    for (const p of ports) {
      const proto = p.protocol ?? "TCP";
      const base = `${prefix}_PORT_${p.port ?? ""}_${proto}`;
      out.push([base, `${proto.toLowerCase()}://${spec.clusterIP}:${p.port ?? ""}`], [`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(p.port ?? "")], [`${base}_ADDR`, spec.clusterIP]);
    }
  }
  return out;
}

function resourceValue(container: Container, resource: string): string {
  const [kind, name] = resource.split(".") as [string, string];
  const value = (kind === "limits" ? container.resources?.limits : container.resources?.requests)?.[name ?? ""];
  if (value === undefined) return name === "cpu" && kind === "limits" ? "2" : "0";
  if (name === "cpu") return String(value.endsWith("m") ? Math.ceil(Number(value.slice(0, -1)) / 1000) : Math.ceil(Number(value)));
  const units: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 };
  const match = /^(\d+(?:\.\d+)?)([KMG]i?)?$/.exec(value);
  return match ? String(Math.ceil(Number(match[1]) * (units[match[2] ?? ""] ?? 1))) : value;
}

export function containerEnv(source: ViewSource, pod: KubeObject, container: Container, imageRef: string, podIP: string): Map<string, string> {
  const namespace = pod.metadata.namespace ?? "";
  const env = new Map<string, string>(imageDefaults(imageRef, pod.metadata.name ?? ""));
  for (const [k, v] of serviceVariables(source, pod)) env.set(k, v);
  for (const from of container.envFrom ?? []) {
    const data = from.configMapRef ? dataOf(source, "configMap", namespace, from.configMapRef.name) : from.secretRef ? dataOf(source, "secret", namespace, from.secretRef.name) : undefined;
    for (const [k, v] of Object.entries(data ?? {})) env.set(`${from.prefix ?? ""}${k}`, v);
  }
  const expand = (text: string) => expandReferences(text, (name) => env.get(name));
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    let value: string | undefined = variable.value !== undefined ? expand(variable.value) : "";
    if (from?.configMapKeyRef) value = dataOf(source, "configMap", namespace, from.configMapKeyRef.name ?? "")?.[from.configMapKeyRef.key ?? ""];
    else if (from?.secretKeyRef) value = dataOf(source, "secret", namespace, from.secretKeyRef.name ?? "")?.[from.secretKeyRef.key ?? ""];
    else if (from?.fieldRef) value = from.fieldRef.fieldPath === "status.podIP" ? podIP : fieldValue(pod, from.fieldRef.fieldPath ?? "");
    else if (from?.resourceFieldRef) value = resourceValue(container, from.resourceFieldRef.resource ?? "");
    if (value !== undefined) env.set(variable.name, value);
  }
  return env;
}

/**
 * Why the kubelet cannot create the container (CreateContainerConfigError): a ConfigMap or Secret its env names
 * is missing, or lacks the key, and the reference is not optional. The message is the kubelet's.
 */
export function configProblem(source: ViewSource, pod: KubeObject, container: Container): string | undefined {
  const namespace = pod.metadata.namespace ?? "";
  const kinds = { configMap: ["configmap", "ConfigMap"], secret: ["secret", "Secret"] } as const;
  const missing = (kind: "configMap" | "secret", name: string, key?: string): string | undefined => {
    const data = dataOf(source, kind, namespace, name);
    if (!data) return `${kinds[kind][0]} "${name}" not found`;
    if (key !== undefined && data[key] === undefined) return `couldn't find key ${key} in ${kinds[kind][1]} ${namespace}/${name}`;
    return undefined;
  };
  for (const from of container.envFrom ?? []) {
    const problem =
      from.configMapRef && !from.configMapRef.optional ? missing("configMap", from.configMapRef.name) : from.secretRef && !from.secretRef.optional ? missing("secret", from.secretRef.name) : undefined;
    if (problem) return problem;
  }
  for (const variable of container.env ?? []) {
    const cm = variable.valueFrom?.configMapKeyRef;
    const secret = variable.valueFrom?.secretKeyRef;
    const problem = cm && !cm.optional ? missing("configMap", cm.name ?? "", cm.key ?? "") : secret && !secret.optional ? missing("secret", secret.name ?? "", secret.key ?? "") : undefined;
    if (problem) return problem;
  }
  return undefined;
}

/** The command and args the kubelet starts: `$(VAR)` references filled in from the container's environment. */
export function containerCommand(source: ViewSource, pod: KubeObject, container: Container): { command?: string[]; args?: string[] } {
  const podIP = ((pod.status ?? {}) as { podIP?: string }).podIP ?? "";
  const env = containerEnv(source, pod, container, container.image ?? "", podIP);
  const expand = (argv: string[] | undefined) => argv?.map((arg) => expandReferences(arg, (name) => env.get(name)));
  return { command: expand(container.command), args: expand(container.args) };
}

/**
 * A run of the container as the kubelet starts it now: the env resolved from the objects as they are, command
 * and args expanded with it, and the files its command creates first.
 */
export function resolveRun(source: ViewSource, pod: KubeObject, container: Container, restartCount: number, startedAt: number): ContainerRun {
  const podIP = ((pod.status ?? {}) as { podIP?: string }).podIP ?? "";
  const env = containerEnv(source, pod, container, container.image ?? "", podIP);
  const expand = (argv: string[] | undefined) => argv?.map((arg) => expandReferences(arg, (name) => env.get(name)));
  const command = expand(container.command);
  const args = expand(container.args);
  return {
    podUid: pod.metadata.uid ?? "",
    container: container.name,
    restartCount,
    startedAt,
    env: [...env],
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    files: filesCreatedBy([...(command ?? []), ...(args ?? [])], startedAt),
  };
}

/** Whether a container's env or argv depends on objects that may change while it runs (so its start is recorded). */
export function dependsOnObjects(container: Container): boolean {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  return (container.envFrom ?? []).length > 0 || (container.env ?? []).some((v) => v.valueFrom?.configMapKeyRef || v.valueFrom?.secretKeyRef) || argv.some((a) => a.includes("$("));
}

import { parseQuantity, quantityMilliValue, quantityValue } from "../../cluster/api/quantity";
import { type DescribeWriter, at, goBool, list, quantity, record, rfc1123z, sortedKeys, str, stringOrNone } from "./writer";

type Row = Record<string, unknown>;
/** Resolves a fieldRef env var against the pod (only pods have values; templates print nothing). */
export type EnvResolver = (fieldPath: string) => string;

/** The Containers / Init Containers section of a pod or a pod template (`space` is "  " in templates). */
export function describeContainers(w: DescribeWriter, label: string, containers: Row[], statuses: Row[] | undefined, resolve: EnvResolver | undefined, space: string): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const byName = new Map((statuses ?? []).map((s) => [str(s.name), s]));
  for (const c of containers) {
    const status = byName.get(str(c.name));
    w.write(1, `${space ? " " : ""}${str(c.name)}:\n`);
    if (status) w.write(2, `Container ID:\t${str(status.containerID)}\n`);
    w.write(2, `Image:\t${str(c.image)}\n`);
    if (status) w.write(2, `Image ID:\t${str(status.imageID)}\n`);
    const ports = list(c.ports);
    const portText = (field: string) => ports.map((p) => `${typeof p[field] === "number" ? (p[field]) : 0}/${str(p.protocol)}${str(p.name) ? ` (${str(p.name)})` : ""}`).join(", ");
    const containerPorts = portText("containerPort");
    w.write(2, containerPorts.includes(",") ? `Ports:\t${containerPorts}\n` : `Port:\t${stringOrNone(containerPorts)}\n`);
    const hostPorts = portText("hostPort");
    w.write(2, hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const seccomp = record(at(c, "securityContext", "seccompProfile"));
    if (str(seccomp.type)) {
      w.write(2, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (seccomp.type === "Localhost") w.write(3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    for (const [title, values] of [["Command", c.command], ["Args", c.args]] as const) {
      if (list(values).length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const value of list<string>(values)) for (const line of value.split("\n")) w.write(3, `${line}\n`);
    }
    if (status) {
      describeState(w, "State", record(status.state));
      if (at(status, "lastState", "terminated")) describeState(w, "Last State", record(status.lastState));
      w.write(2, `Ready:\t${goBool(status.ready)}\n`);
      w.write(2, `Restart Count:\t${typeof status.restartCount === "number" ? status.restartCount : 0}\n`);
    }
    describeResources(w, record(c.resources), 2);
    for (const [title, field] of [["Liveness", "livenessProbe"], ["Readiness", "readinessProbe"], ["Startup", "startupProbe"]] as const) {
      if (c[field]) w.write(2, `${title}:\t${describeProbe(record(c[field]))}\n`);
    }
    if (list(c.envFrom).length > 0) describeEnvFrom(w, list(c.envFrom));
    describeEnv(w, c, list(c.env), resolve);
    describeMounts(w, c);
  }
}

export function describeResources(w: DescribeWriter, resources: Row, level: number): void {
  for (const [title, field] of [["Limits", "limits"], ["Requests", "requests"]] as const) {
    const values = record(resources[field]);
    const names = sortedKeys(values);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${quantity(values[name])}\n`);
  }
}

function describeState(w: DescribeWriter, title: string, state: Row): void {
  if (state.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(at(state, "running", "startedAt"))}\n`);
  } else if (state.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    const reason = str(at(state, "waiting", "reason"));
    if (reason) w.write(3, `Reason:\t${reason}\n`);
  } else if (state.terminated) {
    const t = record(state.terminated);
    w.write(2, `${title}:\tTerminated\n`);
    if (str(t.reason)) w.write(3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(3, `Message:\t${str(t.message)}\n`);
    w.write(3, `Exit Code:\t${typeof t.exitCode === "number" ? t.exitCode : 0}\n`);
    if (typeof t.signal === "number" && t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

const intOrString = (v: unknown) => (typeof v === "number" ? String(v) : str(v));

export function describeProbe(probe: Row): string {
  const n = (field: string) => (typeof probe[field] === "number" ? (probe[field]) : 0);
  const attrs = `delay=${n("initialDelaySeconds")}s timeout=${n("timeoutSeconds")}s period=${n("periodSeconds")}s #success=${n("successThreshold")} #failure=${n("failureThreshold")}`;
  if (probe.exec) return `exec [${list<string>(at(probe, "exec", "command")).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const h = record(probe.httpGet);
    const port = intOrString(h.port);
    const host = str(h.host);
    const hostPort = port ? `${host.includes(":") ? `[${host}]` : host}:${port}` : host;
    return `http-get ${str(h.scheme).toLowerCase()}://${hostPort}${str(h.path)} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${str(at(probe, "tcpSocket", "host"))}:${intOrString(at(probe, "tcpSocket", "port"))} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${intOrString(at(probe, "grpc", "port"))} ${str(at(probe, "grpc", "service"))} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(w: DescribeWriter, envFrom: Row[]): void {
  w.write(2, "Environment Variables from:\n");
  for (const e of envFrom) {
    const ref = record(e.configMapRef ?? e.secretRef);
    const from = e.configMapRef ? "ConfigMap" : e.secretRef ? "Secret" : "";
    const optional = ref.optional === true;
    const prefix = str(e.prefix);
    w.write(3, prefix === "" ? `${str(ref.name)}\t${from}\tOptional: ${optional}\n` : `${str(ref.name)}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`);
  }
}

function describeEnv(w: DescribeWriter, c: Row, env: Row[], resolve: EnvResolver | undefined): void {
  w.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    const from = record(e.valueFrom);
    if (!e.valueFrom) {
      str(e.value)
        .split("\n")
        .forEach((line, i) => w.write(3, i === 0 ? `${str(e.name)}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      const ref = record(from.fieldRef);
      w.write(3, `${str(e.name)}:\t${resolve ? resolve(str(ref.fieldPath)) : ""} (${str(ref.apiVersion)}:${str(ref.fieldPath)})\n`);
    } else if (from.resourceFieldRef) {
      const ref = record(from.resourceFieldRef);
      w.write(3, `${str(e.name)}:\t${resourceFieldValue(c, str(ref.resource), ref.divisor)} (${str(ref.resource)})\n`);
    } else if (from.secretKeyRef) {
      const ref = record(from.secretKeyRef);
      w.write(3, `${str(e.name)}:\t<set to the key '${str(ref.key)}' in secret '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const ref = record(from.configMapKeyRef);
      w.write(3, `${str(e.name)}:\t<set to the key '${str(ref.key)}' of config map '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    }
  }
}

/** A resourceFieldRef's value as kubectl computes it from the container (unset limits read "node allocatable"). */
function resourceFieldValue(c: Row, resource: string, divisor: unknown): string {
  const [kind, name] = resource.split(".");
  const value = at(c, "resources", kind === "limits" ? "limits" : "requests", name ?? "");
  let result = "0";
  try {
    const q = value === undefined ? 0n : name === "cpu" ? quantityMilliValue(parseQuantity(str(value))) : quantityValue(parseQuantity(str(value)));
    const d = divisor === undefined ? (name === "cpu" ? 1000n : 1n) : name === "cpu" ? quantityMilliValue(parseQuantity(str(divisor))) : quantityValue(parseQuantity(str(divisor)));
    result = d === 0n ? "0" : String((q + d - 1n) / d);
  } catch {
    result = "";
  }
  return result === "0" && (resource === "limits.cpu" || resource === "limits.memory") ? "node allocatable" : result;
}

function describeMounts(w: DescribeWriter, c: Row): void {
  const mounts = [...list(c.volumeMounts)].sort((a, b) => (str(a.mountPath) < str(b.mountPath) ? -1 : str(a.mountPath) > str(b.mountPath) ? 1 : 0));
  const none = mounts.length === 0 ? "\t<none>" : "";
  w.write(2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly === true ? "ro" : "rw", ...(str(m.subPath) ? [`path=${JSON.stringify(str(m.subPath))}`] : [])];
    w.write(3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(",")})\n`);
  }
  const devices = list(c.volumeDevices);
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const d of [...devices].sort((a, b) => (str(a.devicePath) < str(b.devicePath) ? -1 : 1))) w.write(3, `${str(d.devicePath)} from ${str(d.name)}\n`);
  }
}

import { fieldValue } from "../../cluster/sandbox/container-view";
import type { KubeObject } from "../../cluster/store/object-store";
import { describeContainers, describeResources } from "./containers";
import { describeEvents, eventsFor, since } from "./events";
import type { Describer } from "./source";
import { describeVolumes } from "./volumes";
import { type DescribeWriter, type Obj, DescribeWriter as Writer, annotationsMultiline, at, controlledBy, labelsMultiline, list, num, record, rfc1123z, str, tolerationsMultiline } from "./writer";

export const describePod: Describer = async (pod, source, options) => {
  const events = options.showEvents ? await eventsFor(source, pod, "Pod") : undefined;
  return podText(pod, events, options.now);
};

export function podText(pod: Obj, events: Obj[] | undefined, now: Date): string {
  const w = new Writer();
  const meta = pod.metadata ?? {};
  const spec = record(pod.spec);
  const status = record(pod.status);
  w.write(0, `Name:\t${meta.name ?? ""}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ""}\n`);
  if (typeof spec.priority === "number") w.write(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName)) w.write(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.runtimeClassName)) w.write(0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
  if (str(spec.serviceAccountName)) w.write(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  w.write(0, str(spec.nodeName) === "" ? "Node:\t<none>\n" : `Node:\t${str(spec.nodeName)}/${str(status.hostIP)}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsMultiline(w, "Labels", meta.labels);
  annotationsMultiline(w, "Annotations", meta.annotations);
  const phase = str(status.phase);
  if (meta.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded") {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${num(at(pod, "metadata", "deletionGracePeriodSeconds"))}s\n`);
  } else {
    w.write(0, `Status:\t${phase}\n`);
  }
  if (str(status.reason)) w.write(0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message)) w.write(0, `Message:\t${str(status.message)}\n`);
  const seccomp = record(at(spec, "securityContext", "seccompProfile"));
  if (str(seccomp.type)) {
    w.write(0, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (seccomp.type === "Localhost") w.write(0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
  w.write(0, `IP:\t${str(status.podIP)}\n`);
  const ips = list(status.podIPs);
  if (ips.length === 0) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of ips) w.write(1, `IP:\t${str(ip.ip)}\n`);
  }
  const owner = controlledBy(meta);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (str(status.nominatedNodeName)) w.write(0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (spec.resources) {
    w.write(0, "Resources:\n");
    describeResources(w, record(spec.resources), 1);
  }
  const resolve = (path: string) => fieldValue(pod as KubeObject, path) ?? "";
  if (list(spec.initContainers).length > 0) describeContainers(w, "Init Containers", list(spec.initContainers), list(status.initContainerStatuses), resolve, "");
  describeContainers(w, "Containers", list(spec.containers), list(status.containerStatuses), resolve, "");
  const conditions = list(status.conditions);
  if (list(spec.readinessGates).length > 0) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const gate of list(spec.readinessGates)) {
      const found = conditions.find((c) => c.type === gate.conditionType);
      w.write(1, `${str(gate.conditionType)} \t${found ? str(found.status) : "<none>"} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  describeVolumes(w, list(spec.volumes), "");
  w.write(0, `QoS Class:\t${str(status.qosClass) || qosClass(spec)}\n`);
  labelsMultiline(w, "Node-Selectors", record(spec.nodeSelector) as Record<string, string>);
  tolerationsMultiline(w, "Tolerations", spec.tolerations);
  describeSpreadConstraints(w, list(spec.topologySpreadConstraints), "");
  describeEvents(w, events, now);
  return w.toString();
}

/** Kubernetes' QoS class from the containers' requests and limits (used when status does not say). */
export function qosClass(spec: Record<string, unknown>): string {
  const containers = [...list(spec.containers), ...list(spec.initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = record(at(c, "resources", "requests"));
    const limits = record(at(c, "resources", "limits"));
    for (const r of ["cpu", "memory"]) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      if (limits[r] === undefined || (requests[r] !== undefined && str(requests[r]) !== str(limits[r]))) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function describeSpreadConstraints(w: DescribeWriter, constraints: Record<string, unknown>[], space: string): void {
  if (constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => (str(a.topologyKey) < str(b.topologyKey) ? -1 : str(a.topologyKey) > str(b.topologyKey) ? 1 : 0));
  w.write(0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(0, `${space}\t`);
    const selector = c.labelSelector ? ` for selector ${formatSelector(c.labelSelector)}` : "";
    w.write(0, `${str(c.topologyKey)}:${str(c.whenUnsatisfiable)} when max skew ${num(c.maxSkew)} is exceeded${selector}\n`);
  });
}

/** metav1.FormatLabelSelector: `a=b,c in (d,e)`, `<none>` for an empty selector. */
export function formatSelector(selector: unknown): string {
  if (selector === undefined || selector === null) return "<none>";
  const s = record(selector);
  const parts = Object.entries(record(s.matchLabels))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${str(v)}`);
  for (const e of list(s.matchExpressions)) {
    const values = list<string>(e.values);
    const op = str(e.operator);
    if (op === "In" || op === "NotIn") parts.push(`${str(e.key)} ${op === "In" ? "in" : "notin"} (${values.join(",")})`);
    else if (op === "Exists") parts.push(str(e.key));
    else if (op === "DoesNotExist") parts.push(`!${str(e.key)}`);
    else parts.push(`${str(e.key)} ${op} ${values.join(",")}`);
  }
  const text = parts.join(",");
  return text === "" ? "<none>" : text;
}

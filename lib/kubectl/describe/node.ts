import { type Quantity, addQuantities, formatQuantity, parseQuantity, quantityMilliValue, quantityValue, zeroQuantity } from "../../cluster/api/quantity";
import { describeEvents, eventsFor, since } from "./events";
import type { Describer } from "./source";
import { type Obj, DescribeWriter as Writer, annotationsMultiline, at, labelsMultiline, list, quantity, record, rfc1123z, str } from "./writer";

type Totals = Map<string, Quantity>;

const parse = (v: unknown): Quantity => {
  try {
    return parseQuantity(typeof v === "number" ? v : str(v));
  } catch {
    return zeroQuantity;
  }
};

/** A pod's effective requests or limits: the containers' sum, or an init container's if larger. */
function podResources(pod: Obj, field: "requests" | "limits"): Totals {
  const totals: Totals = new Map();
  for (const c of list(at(pod, "spec", "containers"))) {
    for (const [name, value] of Object.entries(record(at(c, "resources", field)))) totals.set(name, addQuantities(totals.get(name) ?? zeroQuantity, parse(value)));
  }
  for (const c of list(at(pod, "spec", "initContainers"))) {
    for (const [name, value] of Object.entries(record(at(c, "resources", field)))) {
      const q = parse(value);
      if (q.nanos > (totals.get(name)?.nanos ?? 0n)) totals.set(name, q);
    }
  }
  return totals;
}

const percent = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Math.trunc((Number(part) / Number(whole)) * 100));
const show = (q: Quantity | undefined) => (q ? formatQuantity(q) : "0");

export const describeNode: Describer = async (node, source, options) => {
  const name = node.metadata?.name ?? "";
  const pods = await source.list({ group: "", version: "v1", resource: "pods", fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` });
  const lease = await source.get({ group: "coordination.k8s.io", version: "v1", resource: "leases", namespace: "kube-node-lease", name });
  let events: Obj[] | undefined;
  if (options.showEvents) {
    // Controllers record node events by uid, the kubelet by name: kubectl asks for both.
    events = [...(await eventsFor(source, node, "Node")), ...(await eventsFor(source, { ...node, metadata: { ...node.metadata, uid: name } }, "Node"))];
  }
  const w = new Writer();
  const spec = record(node.spec);
  const status = record(node.status);
  w.write(0, `Name:\t${name}\n`);
  const labels = node.metadata?.labels ?? {};
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith("node-role.kubernetes.io/") && k.length > "node-role.kubernetes.io/".length) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role" && v !== "") roles.add(v);
  }
  w.write(0, `Roles:\t${[...roles].sort().join(",") || "<none>"}\n`);
  labelsMultiline(w, "Labels", labels);
  annotationsMultiline(w, "Annotations", node.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
  const taints = [...list(spec.taints)].sort((a, b) => (`${str(a.effect)},${str(a.key)}` < `${str(b.effect)},${str(b.key)}` ? -1 : 1));
  w.write(0, "Taints:\t");
  if (taints.length === 0) w.write(0, "<none>\n");
  taints.forEach((t, i) => w.write(0, `${i === 0 ? "" : "\t"}${str(t.key)}${str(t.value) ? `=${str(t.value)}` : ""}:${str(t.effect)}\n`));
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  w.write(0, "Lease:\n");
  const leaseSpec = record(lease?.spec);
  w.write(1, `HolderIdentity:\t${str(leaseSpec.holderIdentity) || "<unset>"}\n`);
  w.write(1, `AcquireTime:\t${leaseSpec.acquireTime ? rfc1123z(leaseSpec.acquireTime) : "<unset>"}\n`);
  w.write(1, `RenewTime:\t${leaseSpec.renewTime ? rfc1123z(leaseSpec.renewTime) : "<unset>"}\n`);
  const conditions = list(status.conditions);
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
  }
  w.write(0, "Addresses:\n");
  for (const a of list(status.addresses)) w.write(1, `${str(a.type)}:\t${str(a.address)}\n`);
  for (const [title, field] of [["Capacity", "capacity"], ["Allocatable", "allocatable"]] as const) {
    const values = record(status[field]);
    if (Object.keys(values).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const r of Object.keys(values).sort()) w.write(0, `  ${r}:\t${quantity(values[r])}\n`);
  }
  const info = record(status.nodeInfo);
  w.write(0, "System Info:\n");
  for (const [label, key] of [
    ["Machine ID", "machineID"],
    ["System UUID", "systemUUID"],
    ["Boot ID", "bootID"],
    ["Kernel Version", "kernelVersion"],
    ["OS Image", "osImage"],
    ["Operating System", "operatingSystem"],
    ["Architecture", "architecture"],
    ["Container Runtime Version", "containerRuntimeVersion"],
    ["Kubelet Version", "kubeletVersion"],
    ["Kube-Proxy Version", "kubeProxyVersion"],
  ]) {
    w.write(0, `  ${label}:\t${str(info[key!])}\n`);
  }
  if (str(spec.podCIDR)) w.write(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  if (list(spec.podCIDRs).length > 0) w.write(0, `PodCIDRs:\t${list<string>(spec.podCIDRs).join(",")}\n`);
  if (str(spec.providerID)) w.write(0, `ProviderID:\t${str(spec.providerID)}\n`);
  const allocatable = record(Object.keys(record(status.allocatable)).length > 0 ? status.allocatable : status.capacity);
  const cpu = quantityMilliValue(parse(allocatable.cpu ?? "0"));
  const memory = quantityValue(parse(allocatable.memory ?? "0"));
  const storage = quantityValue(parse(allocatable["ephemeral-storage"] ?? "0"));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const totalRequests: Totals = new Map();
  const totalLimits: Totals = new Map();
  for (const pod of pods) {
    const req = podResources(pod, "requests");
    const lim = podResources(pod, "limits");
    for (const [m, totals] of [[req, totalRequests], [lim, totalLimits]] as const) for (const [k, v] of m) totals.set(k, addQuantities(totals.get(k) ?? zeroQuantity, v));
    const milli = (q: Quantity | undefined) => (q ? quantityMilliValue(q) : 0n);
    const value = (q: Quantity | undefined) => (q ? quantityValue(q) : 0n);
    w.write(
      1,
      `${pod.metadata?.namespace ?? ""}\t${pod.metadata?.name ?? ""}\t\t${show(req.get("cpu"))} (${percent(milli(req.get("cpu")), cpu)}%)\t${show(lim.get("cpu"))} (${percent(milli(lim.get("cpu")), cpu)}%)\t${show(req.get("memory"))} (${percent(value(req.get("memory")), memory)}%)\t${show(lim.get("memory"))} (${percent(value(lim.get("memory")), memory)}%)\t${since(pod.metadata?.creationTimestamp, options.now)}\n`,
    );
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  const row = (resource: string, whole: bigint, milli: boolean) => {
    const r = totalRequests.get(resource);
    const l = totalLimits.get(resource);
    const v = (q: Quantity | undefined) => (q ? (milli ? quantityMilliValue(q) : quantityValue(q)) : 0n);
    w.write(1, `${resource}\t${show(r)} (${percent(v(r), whole)}%)\t${show(l)} (${percent(v(l), whole)}%)\n`);
  };
  row("cpu", cpu, true);
  row("memory", memory, false);
  row("ephemeral-storage", storage, false);
  const names = Object.keys(allocatable).sort();
  for (const resource of names.filter((r) => r.startsWith("hugepages-"))) row(resource, quantityValue(parse(allocatable[resource])), false);
  const standard = new Set(["cpu", "memory", "ephemeral-storage", "pods"]);
  for (const resource of names.filter((r) => !standard.has(r) && !r.startsWith("hugepages-") && !r.startsWith("requests.") && !r.startsWith("limits."))) {
    w.write(1, `${resource}\t${show(totalRequests.get(resource))}\t${show(totalLimits.get(resource))}\n`);
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

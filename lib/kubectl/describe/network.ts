import { describeEvents, eventsFor } from "./events";
import type { DescribeSource, Describer } from "./source";
import { type Obj, DescribeWriter as Writer, annotationsMultiline, at, labelsMultiline, list, num, record, str } from "./writer";

type Row = Record<string, unknown>;

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when empty. */
export const formatLabels = (labels: unknown): string =>
  Object.entries(record(labels))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${str(v)}`)
    .join(",") || "<none>";

const hostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

/** The ready endpoints of a Service's EndpointSlices for one port name (all ports when undefined), three at most. */
export function formatEndpointSlices(slices: Obj[], portName: string | undefined): string {
  if (slices.length === 0) return "<none>";
  const shown: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (shown.length === 3) more = true;
    if (!more) shown.push(text);
    count++;
  };
  for (const slice of slices) {
    const endpoints = list(slice.endpoints).filter((e) => at(e, "conditions", "ready") !== false);
    const ports = list(slice.ports);
    if (ports.length === 0) {
      for (const e of endpoints) add(str(list<string>(e.addresses)[0]));
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && str(port.name) !== portName) continue;
      for (const e of endpoints) add(hostPort(str(list<string>(e.addresses)[0]), num(port.port)));
    }
  }
  const text = shown.join(",");
  return more ? `${text} + ${count - 3} more...` : text;
}

const slicesOf = (source: DescribeSource, namespace: string, service: string) =>
  source.list({ group: "discovery.k8s.io", version: "v1", resource: "endpointslices", namespace, labelSelector: `kubernetes.io/service-name=${service}` });

export const describeService: Describer = async (svc, source, options) => {
  const namespace = svc.metadata?.namespace ?? "";
  const slices = await slicesOf(source, namespace, svc.metadata?.name ?? "");
  const events = options.showEvents ? await eventsFor(source, svc, "Service") : undefined;
  const spec = record(svc.spec);
  const w = new Writer();
  w.write(0, `Name:\t${svc.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${namespace}\n`);
  labelsMultiline(w, "Labels", svc.metadata?.labels);
  annotationsMultiline(w, "Annotations", svc.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${str(spec.type)}\n`);
  if (str(spec.ipFamilyPolicy)) w.write(0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
  w.write(0, `IP Families:\t${list<string>(spec.ipFamilies).join(",") || "<none>"}\n`);
  w.write(0, `IP:\t${str(spec.clusterIP)}\n`);
  w.write(0, `IPs:\t${list<string>(spec.clusterIPs).join(",") || "<none>"}\n`);
  if (list(spec.externalIPs).length > 0) w.write(0, `External IPs:\t${list<string>(spec.externalIPs).join(",")}\n`);
  if (str(spec.loadBalancerIP)) w.write(0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName)) w.write(0, `External Name:\t${str(spec.externalName)}\n`);
  const ingress = list(at(svc, "status", "loadBalancer", "ingress"));
  if (ingress.length > 0) {
    const text = ingress.map((i) => (str(i.ip) ? `${str(i.ip)}${str(i.ipMode) ? ` (${str(i.ipMode)})` : ""}` : str(i.hostname))).join(", ");
    w.write(0, `LoadBalancer Ingress:\t${text}\n`);
  }
  for (const port of list(spec.ports)) {
    const name = str(port.name) || "<unset>";
    const protocol = str(port.protocol);
    w.write(0, `Port:\t${name}\t${num(port.port)}/${protocol}\n`);
    w.write(0, `TargetPort:\t${typeof port.targetPort === "number" ? port.targetPort : str(port.targetPort)}/${protocol}\n`);
    if (num(port.nodePort) !== 0) w.write(0, `NodePort:\t${name}\t${num(port.nodePort)}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, str(port.name))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy)) w.write(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (str(spec.internalTrafficPolicy)) w.write(0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
  if (num(spec.healthCheckNodePort) !== 0) w.write(0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
  if (list(spec.loadBalancerSourceRanges).length > 0) w.write(0, `LoadBalancer Source Ranges:\t${list<string>(spec.loadBalancerSourceRanges).join(",")}\n`);
  if (str(spec.trafficDistribution)) w.write(0, `Traffic Distribution:\t${str(spec.trafficDistribution)}\n`);
  describeEvents(w, events, options.now);
  return w.toString();
};

export const describeEndpoints: Describer = async (ep, source, options) => {
  const events = options.showEvents ? await eventsFor(source, ep, "Endpoints") : undefined;
  const w = new Writer();
  w.write(0, `Name:\t${ep.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${ep.metadata?.namespace ?? ""}\n`);
  labelsMultiline(w, "Labels", ep.metadata?.labels);
  annotationsMultiline(w, "Annotations", ep.metadata?.annotations);
  w.write(0, "Subsets:\n");
  for (const subset of list(ep.subsets)) {
    w.write(1, `Addresses:\t${list(subset.addresses).map((a) => str(a.ip)).join(",") || "<none>"}\n`);
    w.write(1, `NotReadyAddresses:\t${list(subset.notReadyAddresses).map((a) => str(a.ip)).join(",") || "<none>"}\n`);
    const ports = list(subset.ports);
    if (ports.length > 0) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const port of ports) w.write(2, `${str(port.name) || "<unset>"}\t${num(port.port)}\t${str(port.protocol)}\n`);
    }
    w.write(0, "\n");
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

async function describeBackend(source: DescribeSource, namespace: string, backend: Row): Promise<string> {
  if (backend.service) {
    const service = record(backend.service);
    const number = num(at(service, "port", "number"));
    const portName = str(at(service, "port", "name"));
    const label = `${str(service.name)}:${number !== 0 ? number : portName}`;
    const slices = await slicesOf(source, namespace, str(service.name));
    const svc = await source.get({ group: "", version: "v1", resource: "services", namespace, name: str(service.name) });
    if (!svc) return `${label} (<error: services "${str(service.name)}" not found>)`;
    let name = "";
    for (const sp of list(at(svc, "spec", "ports"))) {
      if ((number !== 0 && number === num(sp.port)) || (portName !== "" && portName === str(sp.name))) name = str(sp.name);
    }
    return `${label} (${formatEndpointSlices(slices, name)})`;
  }
  if (backend.resource) {
    const r = record(backend.resource);
    return `APIGroup: ${str(r.apiGroup) || "<none>"}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
  }
  return "";
}

export const describeIngress: Describer = async (ing, source, options) => {
  const namespace = ing.metadata?.namespace ?? "";
  const spec = record(ing.spec);
  const events = options.showEvents ? await eventsFor(source, ing, "Ingress") : undefined;
  const w = new Writer();
  w.write(0, `Name:\t${ing.metadata?.name ?? ""}\n`);
  labelsMultiline(w, "Labels", ing.metadata?.labels);
  w.write(0, `Namespace:\t${namespace}\n`);
  const addresses = [...new Set(list(at(ing, "status", "loadBalancer", "ingress")).map((i) => str(i.ip) || str(i.hostname)).filter((a) => a !== ""))].sort();
  w.write(0, `Address:\t${addresses.join(",")}\n`);
  w.write(0, `Ingress Class:\t${str(spec.ingressClassName) || "<none>"}\n`);
  const defaultBackend = spec.defaultBackend ? await describeBackend(source, namespace, record(spec.defaultBackend)) : "<default>";
  w.write(0, `Default backend:\t${defaultBackend}\n`);
  const tls = list(spec.tls);
  if (tls.length > 0) {
    w.write(0, "TLS:\n");
    for (const t of tls) w.write(1, str(t.secretName) === "" ? `SNI routes ${list<string>(t.hosts).join(",")}\n` : `${str(t.secretName)} terminates ${list<string>(t.hosts).join(",")}\n`);
  }
  w.write(0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of list(spec.rules)) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${str(rule.host) || "*"}\t\n`);
    for (const path of list(at(rule, "http", "paths"))) w.write(2, `\t${str(path.path)} \t${await describeBackend(source, namespace, record(path.backend))}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
  annotationsMultiline(w, "Annotations", ing.metadata?.annotations);
  describeEvents(w, events, options.now);
  return w.toString();
};

export const describeIngressClass: Describer = async (ic, source, options) => {
  const events = options.showEvents ? await eventsFor(source, ic, "IngressClass") : undefined;
  const w = new Writer();
  w.write(0, `Name:\t${ic.metadata?.name ?? ""}\n`);
  labelsMultiline(w, "Labels", ic.metadata?.labels);
  annotationsMultiline(w, "Annotations", ic.metadata?.annotations);
  w.write(0, `Controller:\t${str(at(ic, "spec", "controller"))}\n`);
  const parameters = at(ic, "spec", "parameters");
  if (parameters) {
    w.write(0, "Parameters:\n");
    if (at(parameters, "apiGroup") !== undefined) w.write(1, `APIGroup:\t${str(at(parameters, "apiGroup"))}\n`);
    w.write(1, `Kind:\t${str(at(parameters, "kind"))}\n`);
    w.write(1, `Name:\t${str(at(parameters, "name"))}\n`);
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

import { dnsServiceIP } from "../api/services/service-ranges";
import type { Cache } from "../controllers/runtime/controller";
import { resources } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";

// Cluster DNS as CoreDNS's kubernetes plugin answers it (kubeadm's Corefile: `kubernetes cluster.local
// in-addr.arpa { pods insecure }`, ttl 30), as pure functions over the informer cache: Services by name,
// headless Services as their ready endpoints, StatefulSet pods by hostname, ExternalName as a CNAME, SRV for
// named ports, PTR for Service IPs, and the pod's search path (ndots:5) applied to short names.
// The answers carry what `nslookup`/`dig` print; rendering them is the shell's.

export type DnsSource = Pick<Cache, "get" | "list">;

export const clusterDomain = "cluster.local";
const ttl = 30;
const ndots = 5;

export type DnsRecord =
  | { type: "A"; name: string; ttl: number; address: string }
  | { type: "CNAME"; name: string; ttl: number; target: string }
  | { type: "SRV"; name: string; ttl: number; priority: number; weight: number; port: number; target: string }
  | { type: "PTR"; name: string; ttl: number; target: string };

export type DnsQuestionType = "A" | "SRV" | "PTR";

export type DnsAnswer = {
  /** The cluster DNS Service that answers (what `Server:` shows). */
  server: { address: string; port: number };
  /** The name as asked. */
  query: string;
  type: DnsQuestionType;
  rcode: "NOERROR" | "NXDOMAIN";
  /** Fully-qualified names (with the trailing dot) in the order the resolver tried them. */
  tried: string[];
  /** The fully-qualified name that answered, when one did. */
  name?: string;
  /** CNAMEs first, then the records of their target (or of `name`). */
  records: DnsRecord[];
};

/** What a pod's /etc/resolv.conf says (dnsPolicy ClusterFirst). */
export function resolverConfig(source: DnsSource, namespace: string) {
  return {
    nameserver: dnsServer(source),
    search: [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain],
    options: [`ndots:${ndots}`],
  };
}

function dnsServer(source: DnsSource): string {
  const spec = source.get(resources.services, "kube-system", "kube-dns")?.spec as { clusterIP?: string } | undefined;
  return spec?.clusterIP && spec.clusterIP !== "None" ? spec.clusterIP : dnsServiceIP;
}

/** The names a resolver tries for `name`, as glibc/musl do with resolv.conf's search list and ndots. */
export function candidateNames(name: string, search: string[]): string[] {
  if (name.endsWith(".")) return [name.toLowerCase()];
  const lower = name.toLowerCase();
  const searched = search.map((domain) => `${lower}.${domain}.`);
  return lower.split(".").length - 1 >= ndots ? [`${lower}.`, ...searched] : [...searched, `${lower}.`];
}

const dashed = (ip: string) => ip.replaceAll(".", "-");
const isIPv4 = (text: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(text) && text.split(".").every((o) => Number(o) <= 255);

type Spec = { type?: string; clusterIP?: string; externalName?: string; publishNotReadyAddresses?: boolean; ports?: { name?: string; port?: number; protocol?: string }[] };
type SliceEndpoint = { addresses?: string[]; hostname?: string; conditions?: { ready?: boolean } };
type SlicePort = { name?: string; port?: number; protocol?: string };

const specOf = (service: KubeObject) => (service.spec ?? {}) as Spec;
const fqdn = (...labels: string[]) => `${labels.join(".")}.${clusterDomain}.`;

/** A headless Service's endpoints as DNS sees them: ready ones (or all, with publishNotReadyAddresses). */
function endpointsOf(source: DnsSource, service: KubeObject): { ip: string; label: string; ports: SlicePort[] }[] {
  const namespace = service.metadata.namespace ?? "";
  const all = specOf(service).publishNotReadyAddresses === true;
  const out: { ip: string; label: string; ports: SlicePort[] }[] = [];
  for (const slice of source.list(resources.endpointslices, namespace)) {
    const labels = (slice.metadata.labels ?? {}) as Record<string, string>;
    if (labels["kubernetes.io/service-name"] !== service.metadata.name || slice.addressType !== "IPv4") continue;
    for (const endpoint of (slice.endpoints ?? []) as SliceEndpoint[]) {
      if (!all && endpoint.conditions?.ready === false) continue;
      for (const ip of endpoint.addresses ?? []) out.push({ ip, label: endpoint.hostname ?? dashed(ip), ports: (slice.ports ?? []) as SlicePort[] });
    }
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, "en", { numeric: true }));
}

function serviceRecords(source: DnsSource, service: KubeObject, name: string): DnsRecord[] {
  const spec = specOf(service);
  if (spec.type === "ExternalName") return spec.externalName ? [{ type: "CNAME", name, ttl, target: `${spec.externalName.replace(/\.$/, "")}.` }] : [];
  if (spec.clusterIP === "None") return endpointsOf(source, service).map((e) => ({ type: "A", name, ttl, address: e.ip }));
  return spec.clusterIP ? [{ type: "A", name, ttl, address: spec.clusterIP }] : [];
}

function srvRecords(source: DnsSource, service: KubeObject, name: string, port: string, protocol: string): DnsRecord[] {
  const svc = service.metadata.name ?? "";
  const namespace = service.metadata.namespace ?? "";
  const matches = (p: SlicePort) => p.name === port && (p.protocol ?? "TCP").toLowerCase() === protocol;
  if (specOf(service).clusterIP !== "None") {
    return (specOf(service).ports ?? []).filter(matches).map((p) => ({ type: "SRV", name, ttl, priority: 0, weight: 100, port: p.port ?? 0, target: fqdn(svc, namespace, "svc") }));
  }
  const endpoints = endpointsOf(source, service).flatMap((e) => e.ports.filter(matches).map((p) => ({ e, p })));
  const weight = endpoints.length > 0 ? Math.floor(100 / endpoints.length) : 0;
  return endpoints.map(({ e, p }) => ({ type: "SRV", name, ttl, priority: 0, weight, port: p.port ?? 0, target: fqdn(e.label, svc, namespace, "svc") }));
}

function reverseRecords(source: DnsSource, name: string, ip: string): DnsRecord[] | undefined {
  for (const service of source.list(resources.services)) {
    const svc = service.metadata.name ?? "";
    const namespace = service.metadata.namespace ?? "";
    if (specOf(service).clusterIP === ip) return [{ type: "PTR", name, ttl, target: fqdn(svc, namespace, "svc") }];
    if (specOf(service).clusterIP === "None") {
      const endpoint = endpointsOf(source, service).find((e) => e.ip === ip);
      if (endpoint) return [{ type: "PTR", name, ttl, target: fqdn(endpoint.label, svc, namespace, "svc") }];
    }
  }
  return undefined;
}

/** Records for one fully-qualified name (trailing dot); undefined is NXDOMAIN. */
export function lookupName(source: DnsSource, name: string, type: DnsQuestionType = "A"): DnsRecord[] | undefined {
  const bare = name.replace(/\.$/, "");
  const reverse = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(bare);
  if (reverse) return reverseRecords(source, name, [reverse[4], reverse[3], reverse[2], reverse[1]].join("."));
  if (!bare.endsWith(`.${clusterDomain}`)) return undefined;
  const labels = bare.slice(0, -clusterDomain.length - 1).split(".");
  const service = (namespace: string, svc: string) => source.get(resources.services, namespace, svc);
  const found = (records: DnsRecord[]) => (records.length > 0 ? records : undefined);
  // <dashed-ip>.<namespace>.pod.cluster.local: any pod address ("pods insecure").
  if (labels.length === 3 && labels[2] === "pod") {
    const ip = labels[0]!.replaceAll("-", ".");
    return isIPv4(ip) && type === "A" ? [{ type: "A", name, ttl, address: ip }] : undefined;
  }
  if (labels.at(-1) !== "svc") return undefined;
  if (labels.length === 3) {
    const svc = service(labels[1]!, labels[0]!);
    if (!svc) return undefined;
    return type === "SRV" ? found((specOf(svc).ports ?? []).flatMap((p) => srvRecords(source, svc, name, p.name ?? "", (p.protocol ?? "TCP").toLowerCase()))) : found(serviceRecords(source, svc, name));
  }
  if (labels.length === 4) {
    const svc = service(labels[2]!, labels[1]!);
    if (!svc || specOf(svc).clusterIP !== "None") return undefined;
    return found(endpointsOf(source, svc).filter((e) => e.label === labels[0]).map((e) => ({ type: "A" as const, name, ttl, address: e.ip })));
  }
  if (labels.length === 5 && labels[0]!.startsWith("_") && labels[1]!.startsWith("_")) {
    const svc = service(labels[3]!, labels[2]!);
    return svc ? found(srvRecords(source, svc, name, labels[0]!.slice(1), labels[1]!.slice(1))) : undefined;
  }
  return undefined;
}

/**
 * Resolves `query` as a pod in `namespace` would (search path, ndots:5). An IPv4 address is looked up in
 * reverse (`nslookup 10.96.0.1`). An in-cluster CNAME target is followed.
 */
export function resolve(source: DnsSource, query: string, options: { namespace: string; type?: DnsQuestionType }): DnsAnswer {
  const config = resolverConfig(source, options.namespace);
  const base = { server: { address: config.nameserver, port: 53 }, query };
  if (isIPv4(query)) {
    const name = `${query.split(".").reverse().join(".")}.in-addr.arpa.`;
    const records = lookupName(source, name, "PTR");
    return { ...base, type: "PTR", tried: [name], ...(records ? { rcode: "NOERROR", name, records } : { rcode: "NXDOMAIN", records: [] }) };
  }
  const type = options.type ?? "A";
  const tried: string[] = [];
  for (const name of candidateNames(query, config.search)) {
    tried.push(name);
    const records = lookupName(source, name, type);
    if (!records) continue;
    const cname = records.find((r) => r.type === "CNAME");
    const chased = cname?.type === "CNAME" ? (lookupName(source, cname.target, type) ?? []) : [];
    return { ...base, type, rcode: "NOERROR", tried, name, records: [...records, ...chased] };
  }
  return { ...base, type, rcode: "NXDOMAIN", tried, records: [] };
}

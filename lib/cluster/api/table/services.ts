import type { Endpoints, Service, ServicePort } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { Ingress, IngressClass, IngressRule, NetworkPolicy } from "kubernetes-types/networking/v1";
import { ageColumn, column, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import { age, formatLabelSelector, formatLabels, joinHostPort, listWithMore } from "./format";
import { definePrinter } from "./types";

type LoadBalancerIngress = { ip?: string; hostname?: string }[] | undefined;

/**
 * loadBalancerStatusStringer: unique IPs (or hostnames), sorted, comma-joined. The API server always prints
 * "wide", so the 16-character clipping kubectl's own printer would apply never happens here.
 */
function loadBalancerAddresses(ingress: LoadBalancerIngress): string {
  const addresses = new Set<string>();
  for (const entry of ingress ?? []) {
    if (entry.ip) addresses.add(entry.ip);
    else if (entry.hostname) addresses.add(entry.hostname);
  }
  return [...addresses].sort().join(",");
}

function externalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return svc.spec?.externalName ?? "";
    default:
      return "<unknown>";
  }
}

/** makePortString: `80/TCP`, or `80:30080/TCP` when a node port is allocated. */
function ports(list: ServicePort[] | undefined): string {
  return (list ?? [])
    .map((p) => {
      const protocol = p.protocol ?? "TCP";
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(",");
}

export const servicePrinter = definePrinter<Service>({
  columns: [
    nameColumn,
    column("Type", "string", docs.serviceType),
    column("Cluster-IP", "string", docs.serviceClusterIP),
    column("External-IP", "string", docs.serviceExternalIPs),
    column("Port(s)", "string", docs.servicePorts),
    ageColumn,
    wide("Selector", "string", docs.serviceSelector),
  ],
  cells(svc, { now }) {
    // The v1 → internal conversion fills clusterIPs from clusterIP, so either names the primary IP.
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? (svc.spec?.clusterIP || "<none>");
    return [
      svc.metadata?.name ?? "",
      svc.spec?.type ?? "ClusterIP",
      clusterIP,
      externalIP(svc),
      ports(svc.spec?.ports) || "<none>",
      age(svc, now),
      formatLabels(svc.spec?.selector),
    ];
  },
});

/** formatEndpoints: `ip:port` for every ready address and port, the first three, then `+ N more...`. */
function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (list.length === max) {
      more = true;
      return false;
    }
    list.push(text);
    return true;
  };
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    if (!subset.ports?.length) {
      // Headless services may have no ports: bare IPs.
      count += addresses.length;
      for (const address of addresses) if (!add(address.ip)) break;
      continue;
    }
    for (const port of subset.ports) {
      count += addresses.length;
      for (const address of addresses) if (!add(joinHostPort(address.ip, port.port))) break;
    }
  }
  const text = list.join(",");
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter = definePrinter<Endpoints>({
  columns: [nameColumn, column("Endpoints", "string", docs.endpointsSubsets), ageColumn],
  cells: (ep, { now }) => [ep.metadata?.name ?? "", formatEndpoints(ep), age(ep, now)],
});

/** Up to three items, then `+ N more...`; `<unset>` when empty (formatDiscoveryPorts / formatDiscoveryEndpoints). */
function firstThree(items: string[]): string {
  const max = 3;
  return listWithMore(items.slice(0, max), items.length > max, items.length, max);
}

export const endpointSlicePrinter = definePrinter<EndpointSlice>({
  columns: [
    nameColumn,
    column("AddressType", "string", docs.endpointSliceAddressType),
    column("Ports", "string", docs.endpointSlicePorts),
    column("Endpoints", "string", docs.endpointSliceEndpoints),
    ageColumn,
  ],
  cells(slice, { now }) {
    const portList = (slice.ports ?? []).map((p) =>
      typeof p.port === "number" ? String(p.port) : p.name !== undefined ? p.name : "*",
    );
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      slice.metadata?.name ?? "",
      slice.addressType ?? "",
      firstThree(portList),
      firstThree(addresses),
      age(slice, now),
    ];
  },
});

/** formatHosts: up to three hosts; rules without a host are skipped but still counted in "+ N more...". */
function formatHosts(rules: IngressRule[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  const text = list.join(",");
  return more ? `${text} + ${(rules?.length ?? 0) - max} more...` : text;
}

export const ingressPrinter = definePrinter<Ingress>({
  columns: [
    nameColumn,
    column("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
    column("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
    column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
    column("Ports", "string", "Ports of TLS configurations that open"),
    ageColumn,
  ],
  cells(ing, { now }) {
    return [
      ing.metadata?.name ?? "",
      ing.spec?.ingressClassName ?? "<none>",
      formatHosts(ing.spec?.rules),
      loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
      ing.spec?.tls?.length ? "80, 443" : "80",
      age(ing, now),
    ];
  },
});

export const ingressClassPrinter = definePrinter<IngressClass>({
  columns: [
    nameColumn,
    column("Controller", "string", "Controller that is responsible for handling this class"),
    column("Parameters", "string", "A reference to a resource with additional parameters"),
    ageColumn,
  ],
  cells(ic, { now }) {
    const p = ic.spec?.parameters;
    const parameters = p ? `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ""}/${p.name}` : "<none>";
    return [ic.metadata?.name ?? "", ic.spec?.controller ?? "", parameters, age(ic, now)];
  },
});

export const networkPolicyPrinter = definePrinter<NetworkPolicy>({
  columns: [nameColumn, column("Pod-Selector", "string", docs.networkPolicyPodSelector), ageColumn],
  cells: (np, { now }) => [np.metadata?.name ?? "", formatLabelSelector(np.spec?.podSelector), age(np, now)],
});

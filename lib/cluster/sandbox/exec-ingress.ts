import { ingressNginx } from "../controllers/ingress-nginx";
import { resources, type ResourceId } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import type { ViewSource } from "./container-view";
import { ingressesServedBy, routeIngress } from "./ingress-routing";

// An HTTP request that reaches the address ingress-nginx publishes on Ingresses (their ADDRESS): the controller
// picks a backend Service by the request's Host header and path, and proxies to it.

const ingressClasses: ResourceId = { group: "networking.k8s.io", version: "v1", plural: "ingressclasses" };

export type IngressHop = { kind: "service"; ip: string; port: number } | { kind: "answer"; status: 404 | 503; body: string };

/** ingress-nginx's page when the backend Service is missing or has no ready endpoint. */
export const serviceUnavailablePage =
  "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const addresses = (ingress: KubeObject) =>
  ((ingress.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip);

/**
 * Where ingress-nginx sends a request for host+path arriving at ip:port from a pod in namespace `from`; undefined
 * when ip:port is not its address. In the shared classroom cluster every learner applies the book's Ingresses, with
 * the same hosts, so the caller's own namespace's Ingresses route first (as if each virtual cluster had its own
 * controller); every namespace's Ingresses route, by ingress-nginx's rules, only what those leave unmatched.
 */
export function throughIngress(source: ViewSource, ip: string, port: number, host: string, path: string, from: string): IngressHop | undefined {
  if (port !== 80 && port !== 443) return undefined;
  const ingresses = source.list(resources.ingresses);
  if (!ingresses.some((ingress) => addresses(ingress).includes(ip))) return undefined;
  const served = ingressesServedBy(ingressNginx.controller, ingresses, source.list(ingressClasses));
  const own = routeIngress(served.filter((ingress) => (ingress.metadata.namespace ?? "") === from), host, path);
  const route = own.kind === "backend" ? own : routeIngress(served, host, path);
  if (route.kind === "not-found") return { kind: "answer", status: 404, body: route.body };
  const { namespace, service: name, port: wanted } = route.backend;
  const spec = (source.get(resources.services, namespace, name)?.spec ?? {}) as { clusterIP?: string; ports?: { name?: string; port?: number }[] };
  const servicePort = (spec.ports ?? []).find((p) => (typeof wanted === "number" ? p.port === wanted : p.name === wanted));
  if (!spec.clusterIP || spec.clusterIP === "None" || !servicePort?.port) return { kind: "answer", status: 503, body: serviceUnavailablePage };
  return { kind: "service", ip: spec.clusterIP, port: servicePort.port };
}

/** The Host header a curl (-H/--header) or wget (--header) command line sets, if any. */
export function hostHeader(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === "-H" || arg === "--header" ? args[i + 1] : arg.startsWith("--header=") ? arg.slice("--header=".length) : undefined;
    const match = value === undefined ? null : /^\s*host\s*:\s*(\S+)\s*$/i.exec(value);
    if (match) return match[1];
  }
  return undefined;
}

/** The command line's arguments without option values (`-H "Host: x"`), so the URL can be found among them. */
export function withoutHeaders(args: string[]): string[] {
  return args.filter((arg, i) => !(args[i - 1] === "-H" || args[i - 1] === "--header"));
}

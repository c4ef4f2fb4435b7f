import { ipv4ToNumber, numberToIPv4 } from "../api/services/service-ranges";
import type { KubeObject } from "../store/object-store";
import { ingressNginx } from "./ingress-nginx";
import type { Cache, Controller, ReconcileContext } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, splitKey } from "./runtime/resource-id";

// The cloud's load balancers, simulated as a MetalLB-style address pool: a LoadBalancer Service waits
// `config.loadBalancerMs` (the EXTERNAL-IP column shows <pending>), then gets the first free address of
// 172.18.255.200–250 in status.loadBalancer.ingress. Which addresses are in use is read from the Services'
// statuses, so an address is free again as soon as its Service is deleted or changes type (the API clears the
// status then). Two Services given one address by passes running at once are told apart on the next pass:
// the older Service keeps it, the other gets another. The pool's first address is ingress-nginx's (see
// ingress-nginx.ts): Ingresses show it as their ADDRESS, so no other Service is given it.

export const loadBalancerPool = { first: "172.18.255.200", last: "172.18.255.250" };

const ensuring = { reason: "EnsuringLoadBalancer", message: "Ensuring load balancer" };
const ensured = { reason: "EnsuredLoadBalancer", message: "Ensured load balancer" };

type Spec = { type?: string; loadBalancerClass?: string; loadBalancerIP?: string };
type Ingress = { ip?: string; hostname?: string }[];

const specOf = (service: KubeObject) => (service.spec ?? {}) as Spec;
const ingressOf = (service: KubeObject): Ingress =>
  ((service.status as { loadBalancer?: { ingress?: Ingress } } | undefined)?.loadBalancer?.ingress ?? []).filter((i) => typeof i === "object" && i !== null);
const addressOf = (service: KubeObject) => ingressOf(service).find((i) => i.ip)?.ip;

/** LoadBalancer Services this simulated cloud serves (one asking for another class is someone else's). */
const managed = (service: KubeObject) => specOf(service).type === "LoadBalancer" && !specOf(service).loadBalancerClass;

function inPool(ip: string): boolean {
  const n = ipv4ToNumber(ip);
  return n !== undefined && n >= ipv4ToNumber(loadBalancerPool.first)! && n <= ipv4ToNumber(loadBalancerPool.last)!;
}

/** Who keeps an address two Services were both given: the older one (then by namespace/name). */
const precedes = (a: KubeObject, b: KubeObject) =>
  `${String(a.metadata.creationTimestamp)} ${keyOf(a)}` < `${String(b.metadata.creationTimestamp)} ${keyOf(b)}`;

const isIngressController = (service: KubeObject) =>
  service.metadata.namespace === ingressNginx.namespace && service.metadata.name === ingressNginx.service;

/** Addresses other Services hold (or are kept for), except ones this Service has the better claim to. */
function usedByOthers(cache: Cache, service: KubeObject): Set<string> {
  const used = new Set<string>(isIngressController(service) ? [] : [ingressNginx.address]);
  for (const other of cache.list(resources.services)) {
    if (other.metadata.uid === service.metadata.uid || !managed(other)) continue;
    const ip = addressOf(other);
    if (ip && !(ip === addressOf(service) && precedes(service, other))) used.add(ip);
  }
  return used;
}

function pick(service: KubeObject, used: Set<string>): string | undefined {
  const asked = specOf(service).loadBalancerIP;
  if (asked) return inPool(asked) && !used.has(asked) ? asked : undefined;
  for (let n = ipv4ToNumber(loadBalancerPool.first)!; n <= ipv4ToNumber(loadBalancerPool.last)!; n++) {
    if (!used.has(numberToIPv4(n))) return numberToIPv4(n);
  }
  return undefined;
}

/** When this Service's wait for an address started: its EnsuringLoadBalancer Event. */
function waitingSince(ctx: ReconcileContext, service: KubeObject): number | undefined {
  const times = ctx.cache
    .list(resources.events, service.metadata.namespace ?? "")
    .filter((e) => (e.involvedObject as { uid?: string } | undefined)?.uid === service.metadata.uid && e.reason === ensuring.reason)
    .map((e) => Date.parse(String(e.lastTimestamp)));
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** A Service giving up its address lets the ones still waiting try again. */
function waitingServices(event: InformerEvent, cache: Cache): string[] {
  const keys = [keyOf(event.object)];
  const released = addressOf(event.previous ?? event.object) && (event.type === "DELETED" || !addressOf(event.object) || !managed(event.object));
  if (released) for (const s of cache.list(resources.services)) if (managed(s) && !addressOf(s)) keys.push(keyOf(s));
  return keys;
}

export const serviceLoadBalancerController: Controller = {
  name: "service-lb",
  username: "system:serviceaccount:kube-system:service-controller",
  component: "service-controller",
  primary: resources.services,
  watches: [{ resource: resources.services, keys: waitingServices }],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const service = ctx.cache.get(resources.services, namespace, name);
    if (!service || !managed(service)) return;
    const involved = { object: service, kind: "Service", apiVersion: "v1" };
    const used = usedByOthers(ctx.cache, service);
    const current = addressOf(service);
    if (current && inPool(current) && !used.has(current) && (!specOf(service).loadBalancerIP || specOf(service).loadBalancerIP === current)) return;
    if (!current && ctx.config.loadBalancerMs > 0) {
      const since = waitingSince(ctx, service);
      if (since === undefined) {
        await ctx.events.event(involved, "Normal", ensuring.reason, ensuring.message);
        return { requeueAfterMs: ctx.config.loadBalancerMs };
      }
      const due = since + ctx.config.loadBalancerMs - ctx.clock.now().getTime();
      if (due > 0) return { requeueAfterMs: due };
    } else if (!current) {
      await ctx.events.event(involved, "Normal", ensuring.reason, ensuring.message);
    }
    const ip = pick(service, used);
    if (!ip) {
      const why = specOf(service).loadBalancerIP ? `"${specOf(service).loadBalancerIP}" is not available` : "no available IPs";
      await ctx.events.event(involved, "Warning", "AllocationFailed", `Failed to allocate IP for "${keyOf(service)}": ${why}`);
      if (current) await ctx.client.updateStatus(resources.services, { ...service, status: { ...(service.status as object), loadBalancer: {} } });
      return;
    }
    await ctx.client.updateStatus(resources.services, { ...service, status: { ...(service.status as object), loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } } });
    await ctx.events.event(involved, "Normal", ensured.reason, ensured.message);
  },
};

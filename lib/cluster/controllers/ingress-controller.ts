import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import type { Cache, Controller } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { ingressesServedBy } from "../sandbox/ingress-routing";
import { keyOf, resources, splitKey, type ResourceId } from "./runtime/resource-id";
import { ingressNginx } from "./ingress-nginx";

// ingress-nginx as kind's guide installs it: it serves Ingresses of its IngressClass (and those naming no class
// when that class is the default), and publishes its own LoadBalancer Service's address in their
// status.loadBalancer, which is what `kubectl get ingress` shows as ADDRESS. Routing itself is
// sandbox/ingress-routing.ts.


const ingressClasses: ResourceId = { group: "networking.k8s.io", version: "v1", plural: "ingressclasses" };

type LoadBalancerIngress = { ip?: string; hostname?: string }[];

const lbIngressOf = (object: KubeObject): LoadBalancerIngress =>
  (object.status as { loadBalancer?: { ingress?: LoadBalancerIngress } } | undefined)?.loadBalancer?.ingress ?? [];

const serves = (cache: Cache, ingress: KubeObject) => ingressesServedBy(ingressNginx.controller, [ingress], cache.list(ingressClasses)).length > 0;

/** The controller Service's load-balancer address; until it has one, the address reserved for it. */
function publishedAddress(cache: Cache): string {
  const service = cache.get(resources.services, ingressNginx.namespace, ingressNginx.service);
  return (service && lbIngressOf(service).find((i) => i.ip)?.ip) ?? ingressNginx.address;
}

/** Any change to classes or to the controller Service can change every Ingress's status. */
const allIngresses = (_event: InformerEvent, cache: Cache) => cache.list(resources.ingresses).map(keyOf);

const controllerService = (event: InformerEvent, cache: Cache) =>
  event.object.metadata.namespace === ingressNginx.namespace && event.object.metadata.name === ingressNginx.service ? allIngresses(event, cache) : [];

export const ingressController: Controller = {
  name: "ingress-nginx",
  username: "system:serviceaccount:ingress-nginx:ingress-nginx",
  component: "nginx-ingress-controller",
  primary: resources.ingresses,
  watches: [
    { resource: resources.ingresses, keys: (event) => [keyOf(event.object)] },
    { resource: ingressClasses, keys: allIngresses },
    { resource: resources.services, keys: controllerService },
  ],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const ingress = ctx.cache.get(resources.ingresses, namespace, name);
    if (!ingress || ingress.metadata.deletionTimestamp) return;
    const current = lbIngressOf(ingress);
    const address = publishedAddress(ctx.cache);
    const ours = serves(ctx.cache, ingress);
    // An Ingress moved to another class loses the address we gave it; others' addresses are not ours to touch.
    const wanted = ours ? [{ ip: address }] : current.some((i) => i.ip === address) ? [] : current;
    if (deepEqual(current, wanted)) return;
    const status = { ...(ingress.status as object), loadBalancer: wanted.length > 0 ? { ingress: wanted } : {} };
    await ctx.client.updateStatus(resources.ingresses, { ...ingress, status });
    if (ours) await ctx.events.event({ object: ingress, kind: "Ingress", apiVersion: "networking.k8s.io/v1" }, "Normal", "Sync", "Scheduled for sync");
  },
};

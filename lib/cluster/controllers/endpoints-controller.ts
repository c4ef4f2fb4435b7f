import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import { ownKey, type Controller } from "./runtime/controller";
import { keyOf, resources, splitKey } from "./runtime/resource-id";
import {
  hostnameFor,
  isHeadless,
  isPodReady,
  nodeNameOf,
  podBelongs,
  podIPv4,
  podRef,
  resolvePort,
  selectedPods,
  selectorOf,
  serviceSpec,
  servicesSelecting,
} from "./service-backends";

// core/v1 Endpoints for every Service with a selector, as kube-controller-manager's endpoints controller
// writes them: one subset per distinct set of ports, ready pods under `addresses`, the rest under
// `notReadyAddresses`, at most 1000 addresses.

/** Set on the Endpoints this controller writes (so the EndpointSlice mirroring controller skips them). */
const skipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror";
const headlessLabel = "service.kubernetes.io/headless";
const overCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";
const maxAddresses = 1000;

type Address = { ip: string; hostname?: string; nodeName?: string; targetRef: ReturnType<typeof podRef> };
type Port = { name?: string; port: number; protocol: string; appProtocol?: string };
type Subset = { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: Port[] };

const byIP = (a: Address, b: Address) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.targetRef.uid.localeCompare(b.targetRef.uid));

/** RepackSubsets: addresses offering the same ports (with the same readiness) share one subset. */
function subsetsFor(service: KubeObject, pods: KubeObject[]): { subsets: Subset[]; truncated: boolean } {
  const spec = serviceSpec(service);
  const tolerateUnready = spec.publishNotReadyAddresses === true;
  // port key → address ip/uid → [address, ready]
  const byPort = new Map<string, { port?: Port; addresses: Map<string, [Address, boolean]> }>();
  const add = (port: Port | undefined, address: Address, ready: boolean) => {
    const key = port ? JSON.stringify(port) : "";
    const entry = byPort.get(key) ?? { ...(port ? { port } : {}), addresses: new Map<string, [Address, boolean]>() };
    const id = `${address.ip}/${address.targetRef.uid}`;
    entry.addresses.set(id, [address, ready || (entry.addresses.get(id)?.[1] ?? false)]);
    byPort.set(key, entry);
  };
  for (const pod of pods) {
    if (!podBelongs(pod, tolerateUnready)) continue;
    const hostname = hostnameFor(pod, service);
    const nodeName = nodeNameOf(pod);
    const address: Address = { ip: podIPv4(pod)!, ...(hostname ? { hostname } : {}), ...(nodeName ? { nodeName } : {}), targetRef: podRef(pod) };
    const ready = tolerateUnready || isPodReady(pod);
    // A headless Service may have no ports: its addresses are listed bare.
    if ((spec.ports ?? []).length === 0 && isHeadless(service)) add(undefined, address, ready);
    for (const servicePort of spec.ports ?? []) {
      const number = resolvePort(pod, servicePort);
      if (number === undefined) continue;
      const port: Port = {
        ...(servicePort.name ? { name: servicePort.name } : {}),
        port: number,
        protocol: servicePort.protocol ?? "TCP",
        ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
      };
      add(port, address, ready);
    }
  }
  // Ports whose address sets are identical form one subset.
  const groups = new Map<string, Subset>();
  for (const { port, addresses } of byPort.values()) {
    const entries = [...addresses.values()];
    const key = JSON.stringify(entries.map(([a, r]) => [a.ip, a.targetRef.uid, r]).sort());
    const subset = groups.get(key) ?? {
      ...section("addresses", entries.filter(([, r]) => r).map(([a]) => a)),
      ...section("notReadyAddresses", entries.filter(([, r]) => !r).map(([a]) => a)),
    };
    if (port) subset.ports = [...(subset.ports ?? []), port];
    groups.set(key, subset);
  }
  return capAddresses([...groups.values()]);
}

function section(field: "addresses" | "notReadyAddresses", addresses: Address[]): Subset {
  return addresses.length > 0 ? { [field]: [...addresses].sort(byIP) } : {};
}

/** Kubernetes stops at 1000 addresses (ready ones first) and says so in an annotation. */
function capAddresses(subsets: Subset[]): { subsets: Subset[]; truncated: boolean } {
  const total = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  if (total <= maxAddresses) return { subsets, truncated: false };
  let room = maxAddresses;
  const take = (list: Address[] | undefined) => {
    const kept = (list ?? []).slice(0, room);
    room -= kept.length;
    return kept;
  };
  const withReady = subsets.map((s) => ({ ...s, addresses: take(s.addresses) }));
  const capped = withReady.map((s) => ({ ...s, notReadyAddresses: take(s.notReadyAddresses) }));
  const trimmed = capped.map(({ addresses, notReadyAddresses, ...s }) => ({ ...s, ...section("addresses", addresses), ...section("notReadyAddresses", notReadyAddresses) }));
  return { subsets: trimmed.filter((s) => s.addresses || s.notReadyAddresses), truncated: true };
}

function desiredEndpoints(service: KubeObject, pods: KubeObject[], existing: KubeObject | undefined): KubeObject {
  const { subsets, truncated } = subsetsFor(service, pods);
  const labels: Record<string, string> = { ...((service.metadata.labels ?? {}) as Record<string, string>), [skipMirrorLabel]: "true" };
  if (isHeadless(service)) labels[headlessLabel] = "";
  const annotations = { ...((existing?.metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[overCapacityAnnotation];
  if (truncated) annotations[overCapacityAnnotation] = "truncated";
  const base = existing ?? { apiVersion: "v1", kind: "Endpoints", metadata: { name: service.metadata.name, namespace: service.metadata.namespace } };
  const { subsets: _old, ...rest } = base;
  return {
    ...rest,
    metadata: { ...base.metadata, labels, ...(Object.keys(annotations).length > 0 ? { annotations } : { annotations: undefined }) },
    ...(subsets.length > 0 ? { subsets } : {}),
  };
}

const managed = (endpoints: KubeObject | undefined) => ((endpoints?.metadata.labels ?? {}) as Record<string, string>)[skipMirrorLabel] === "true";

export const endpointsController: Controller = {
  name: "endpoints",
  username: "system:serviceaccount:kube-system:endpoint-controller",
  component: "endpoint-controller",
  primary: resources.services,
  watches: [
    { resource: resources.services, keys: ownKey },
    { resource: resources.pods, keys: servicesSelecting },
    // Someone deleted or edited Endpoints this controller keeps: put them back.
    { resource: resources.endpoints, keys: (event) => (event.type === "DELETED" || managed(event.object) ? [keyOf(event.object)] : []) },
  ],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const service = ctx.cache.get(resources.services, namespace, name);
    const existing = ctx.cache.get(resources.endpoints, namespace, name);
    if (!service) {
      // Only what this controller wrote: Endpoints made by hand before their Service are the user's.
      if (existing && managed(existing)) await ctx.client.delete(resources.endpoints, existing);
      return;
    }
    if (!selectorOf(service)) return;
    const desired = desiredEndpoints(service, selectedPods(ctx.cache, service), existing);
    if (!existing) {
      await ctx.client.create(resources.endpoints, namespace, desired);
      return;
    }
    const same = deepEqual(existing.subsets ?? [], desired.subsets ?? []) && deepEqual(existing.metadata.labels, desired.metadata.labels) && deepEqual(existing.metadata.annotations, desired.metadata.annotations);
    if (!same) await ctx.client.update(resources.endpoints, desired);
  },
};

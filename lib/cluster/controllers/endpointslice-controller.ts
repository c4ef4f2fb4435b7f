import { deepEqual } from "../api/rest/deep-equal";
import type { KubeObject } from "../store/object-store";
import { ownKey, type Controller, type ReconcileContext } from "./runtime/controller";
import { resources, splitKey } from "./runtime/resource-id";
import {
  hostnameFor,
  isHeadless,
  isPodReady,
  isTerminating,
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

// discovery.k8s.io/v1 EndpointSlices for every Service with a selector, as kube-controller-manager's
// EndpointSlice controller keeps them: IPv4 slices named `<service>-<5 chars>`, at most 100 endpoints each,
// pods grouped by the ports they resolve to, ready/serving/terminating conditions, terminating pods kept.
// Changes move as few endpoints as possible: an endpoint stays in the slice it is in.

export const serviceNameLabel = "kubernetes.io/service-name";
export const managedByLabel = "endpointslice.kubernetes.io/managed-by";
export const controllerName = "endpointslice-controller.k8s.io";
const headlessLabel = "service.kubernetes.io/headless";
export const maxEndpointsPerSlice = 100;

type Port = { name: string; port: number; protocol: string; appProtocol?: string };
type Endpoint = {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef: ReturnType<typeof podRef>;
};
type Group = { ports: Port[]; endpoints: Endpoint[] };

const portsKey = (ports: unknown) => JSON.stringify(ports ?? []);
const endpointKey = (endpoint: Endpoint) => endpoint.targetRef.uid || (endpoint.addresses[0] ?? "");

function endpointFor(service: KubeObject, pod: KubeObject): Endpoint {
  const serving = isPodReady(pod);
  const terminating = isTerminating(pod);
  const hostname = hostnameFor(pod, service);
  const nodeName = nodeNameOf(pod);
  return {
    addresses: [podIPv4(pod)!],
    // A terminating pod is never "ready" (unless the Service publishes unready addresses), though it may serve.
    conditions: { ready: serviceSpec(service).publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
    ...(hostname ? { hostname } : {}),
    ...(nodeName ? { nodeName } : {}),
    targetRef: podRef(pod),
  };
}

/** The endpoints each distinct set of resolved ports should list. */
function desiredGroups(service: KubeObject, pods: KubeObject[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const pod of pods) {
    if (!podBelongs(pod, true)) continue;
    const ports: Port[] = [];
    for (const servicePort of serviceSpec(service).ports ?? []) {
      const port = resolvePort(pod, servicePort);
      if (port === undefined) continue;
      ports.push({ name: servicePort.name ?? "", port, protocol: servicePort.protocol ?? "TCP", ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}) });
    }
    const key = portsKey(ports);
    const group = groups.get(key) ?? { ports, endpoints: [] };
    group.endpoints.push(endpointFor(service, pod));
    groups.set(key, group);
  }
  return groups;
}

function sliceLabels(service: KubeObject): Record<string, string> {
  const labels: Record<string, string> = { ...((service.metadata.labels ?? {}) as Record<string, string>) };
  delete labels[headlessLabel];
  labels[serviceNameLabel] = service.metadata.name ?? "";
  labels[managedByLabel] = controllerName;
  if (isHeadless(service)) labels[headlessLabel] = "";
  return labels;
}

function newSlice(service: KubeObject, ports: Port[], endpoints: Endpoint[]): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      generateName: `${(service.metadata.name ?? "").slice(0, 57)}-`,
      namespace: service.metadata.namespace,
      labels: sliceLabels(service),
      ownerReferences: [{ apiVersion: "v1", kind: "Service", name: service.metadata.name, uid: service.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: "IPv4",
    endpoints,
    ports,
  };
}

/** The slices this controller keeps for a Service (slices others write, e.g. by hand, are left alone). */
export function managedSlices(ctx: Pick<ReconcileContext, "cache">, namespace: string, serviceName: string): KubeObject[] {
  return ctx.cache.list(resources.endpointslices, namespace).filter((slice) => {
    const labels = (slice.metadata.labels ?? {}) as Record<string, string>;
    return labels[serviceNameLabel] === serviceName && labels[managedByLabel] === controllerName;
  });
}

async function writeSlice(ctx: ReconcileContext, service: KubeObject, slice: KubeObject, ports: Port[], endpoints: Endpoint[]): Promise<void> {
  const labels = sliceLabels(service);
  if (deepEqual(slice.endpoints ?? [], endpoints) && deepEqual(slice.ports ?? [], ports) && deepEqual(slice.metadata.labels, labels)) return;
  await ctx.client.update(resources.endpointslices, { ...slice, metadata: { ...slice.metadata, labels }, endpoints, ports });
}

/** Fits a port group's endpoints into its existing slices (each endpoint stays where it is), then new ones. */
async function reconcileGroup(ctx: ReconcileContext, service: KubeObject, group: Group, slices: KubeObject[]): Promise<KubeObject[]> {
  const remaining = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
  const filled = slices.map((slice) => {
    const kept: Endpoint[] = [];
    for (const old of (slice.endpoints ?? []) as Endpoint[]) {
      const current = remaining.get(endpointKey(old));
      if (current && kept.length < maxEndpointsPerSlice) kept.push(current);
      remaining.delete(endpointKey(old));
    }
    return { slice, endpoints: kept };
  });
  const leftover = [...remaining.values()];
  for (const entry of filled) {
    while (entry.endpoints.length < maxEndpointsPerSlice && leftover.length > 0) entry.endpoints.push(leftover.shift()!);
  }
  const emptied: KubeObject[] = [];
  for (const { slice, endpoints } of filled) {
    if (endpoints.length === 0) emptied.push(slice);
    else await writeSlice(ctx, service, slice, group.ports, endpoints);
  }
  for (let i = 0; i < leftover.length; i += maxEndpointsPerSlice) {
    await ctx.client.create(resources.endpointslices, service.metadata.namespace ?? "", newSlice(service, group.ports, leftover.slice(i, i + maxEndpointsPerSlice)));
  }
  return emptied;
}

export const endpointSliceController: Controller = {
  name: "endpointslice",
  username: "system:serviceaccount:kube-system:endpointslice-controller",
  component: "endpoint-slice-controller",
  primary: resources.services,
  watches: [
    { resource: resources.services, keys: ownKey },
    { resource: resources.pods, keys: servicesSelecting },
    {
      resource: resources.endpointslices,
      keys: (event) => {
        const labels = (event.object.metadata.labels ?? {}) as Record<string, string>;
        const service = labels[serviceNameLabel];
        return service && labels[managedByLabel] === controllerName ? [`${event.object.metadata.namespace ?? ""}/${service}`] : [];
      },
    },
  ],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const service = ctx.cache.get(resources.services, namespace, name);
    const slices = managedSlices(ctx, namespace, name);
    if (!service || !selectorOf(service) || serviceSpec(service).type === "ExternalName") {
      for (const slice of slices) await ctx.client.delete(resources.endpointslices, slice);
      return;
    }
    const groups = desiredGroups(service, selectedPods(ctx.cache, service));
    const ours = slices.filter((s) => s.addressType === "IPv4" && (s.metadata.ownerReferences as { uid?: string }[] | undefined)?.[0]?.uid === service.metadata.uid);
    const unused = slices.filter((s) => !ours.includes(s));
    for (const [portKey, group] of groups) {
      const matching = ours.filter((s) => portsKey(s.ports) === portKey);
      unused.push(...(await reconcileGroup(ctx, service, group, matching)));
    }
    unused.push(...ours.filter((s) => !groups.has(portsKey(s.ports))));
    // No endpoints at all: one empty placeholder slice stays, as Kubernetes keeps (kubectl shows it <unset>).
    if (groups.size === 0) {
      const index = unused.findIndex((s) => ours.includes(s));
      const placeholder = index >= 0 ? unused.splice(index, 1)[0] : undefined;
      if (placeholder) await writeSlice(ctx, service, placeholder, [], []);
      else await ctx.client.create(resources.endpointslices, namespace, newSlice(service, [], []));
    }
    for (const slice of unused) await ctx.client.delete(resources.endpointslices, slice);
  },
};

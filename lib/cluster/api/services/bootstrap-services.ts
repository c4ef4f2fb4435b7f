import { AlreadyExistsError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import { prepareForCreate } from "../rest/object-lifecycle";
import { release, reserve } from "./allocation-records";
import { dnsServiceIP, kubernetesServiceIP } from "./service-ranges";

/** The simulated control-plane node's address: where the `kubernetes` Service's endpoints point (kind's first node). */
export const controlPlaneIP = "172.18.0.2";
const apiServerPort = 6443;

type Wanted = { group: string; resource: string; namespace: string; object: KubeObject; clusterIP?: string };

function service(namespace: string, name: string, clusterIP: string, labels: Record<string, string>, spec: Record<string, unknown>, annotations?: Record<string, string>): Wanted {
  return {
    group: "",
    resource: "services",
    namespace,
    clusterIP,
    object: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels, ...(annotations ? { annotations } : {}) },
      spec: {
        clusterIP,
        clusterIPs: [clusterIP],
        internalTrafficPolicy: "Cluster",
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        sessionAffinity: "None",
        type: "ClusterIP",
        ...spec,
      },
    },
  };
}

/** What kube-apiserver and kubeadm put in every cluster: the API's own Service and the cluster DNS Service. */
function wantedObjects(): Wanted[] {
  const httpsPort = { name: "https", port: apiServerPort, protocol: "TCP" };
  return [
    service("default", "kubernetes", kubernetesServiceIP, { component: "apiserver", provider: "kubernetes" }, {
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: apiServerPort }],
    }),
    service(
      "kube-system",
      "kube-dns",
      dnsServiceIP,
      { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      {
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { "k8s-app": "kube-dns" },
      },
      { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    ),
    // kube-apiserver keeps these itself (the `kubernetes` Service has no selector for a controller to follow).
    {
      group: "",
      resource: "endpoints",
      namespace: "default",
      object: {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } },
        subsets: [{ addresses: [{ ip: controlPlaneIP }], ports: [httpsPort] }],
      },
    },
    {
      group: "discovery.k8s.io",
      resource: "endpointslices",
      namespace: "default",
      object: {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
        addressType: "IPv4",
        endpoints: [{ addresses: [controlPlaneIP], conditions: { ready: true } }],
        ports: [httpsPort],
      },
    },
  ];
}

/**
 * Creates the `kubernetes` and `kube-dns` Services (with the fixed cluster IPs every cluster gives them, each
 * reserved like any other) and the API's own endpoints, if missing. Returns how many objects it created.
 */
export async function ensureClusterServices(ctx: ApiContext): Promise<number> {
  let created = 0;
  for (const item of wantedObjects()) {
    const name = item.object.metadata.name ?? "";
    const type = ctx.registry.resolve(item.group, "v1", item.resource);
    if (!type) continue;
    const key = { cluster: ctx.cluster, group: item.group, resource: item.resource, namespace: item.namespace, name };
    if (await ctx.store.get(key)) continue;
    const prepared = prepareForCreate(ctx, { type, namespace: item.namespace, name, subresource: "" }, item.object);
    if (item.resource === "services") prepared.status = { loadBalancer: {} };
    const owner = { namespace: item.namespace, name, uid: prepared.metadata.uid ?? "" };
    // Held by another process bootstrapping at the same moment: it creates the Service.
    if (item.clusterIP && !(await reserve(ctx, "ip", item.clusterIP, owner))) continue;
    try {
      await ctx.store.create(key, prepared);
      created++;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      if (item.clusterIP) await release(ctx, "ip", item.clusterIP, owner.uid);
    }
  }
  return created;
}

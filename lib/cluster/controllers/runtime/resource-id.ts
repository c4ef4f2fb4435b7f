import type { KubeObject } from "../../store/object-store";

/** A resource as controllers address it: group, version and plural, e.g. apps/v1 replicasets. */
export type ResourceId = { group: string; version: string; plural: string };

export const resources = {
  namespaces: { group: "", version: "v1", plural: "namespaces" },
  nodes: { group: "", version: "v1", plural: "nodes" },
  pods: { group: "", version: "v1", plural: "pods" },
  services: { group: "", version: "v1", plural: "services" },
  endpoints: { group: "", version: "v1", plural: "endpoints" },
  events: { group: "", version: "v1", plural: "events" },
  configmaps: { group: "", version: "v1", plural: "configmaps" },
  secrets: { group: "", version: "v1", plural: "secrets" },
  serviceaccounts: { group: "", version: "v1", plural: "serviceaccounts" },
  persistentvolumes: { group: "", version: "v1", plural: "persistentvolumes" },
  persistentvolumeclaims: { group: "", version: "v1", plural: "persistentvolumeclaims" },
  resourcequotas: { group: "", version: "v1", plural: "resourcequotas" },
  replicasets: { group: "apps", version: "v1", plural: "replicasets" },
  deployments: { group: "apps", version: "v1", plural: "deployments" },
  statefulsets: { group: "apps", version: "v1", plural: "statefulsets" },
  daemonsets: { group: "apps", version: "v1", plural: "daemonsets" },
  controllerrevisions: { group: "apps", version: "v1", plural: "controllerrevisions" },
  jobs: { group: "batch", version: "v1", plural: "jobs" },
  cronjobs: { group: "batch", version: "v1", plural: "cronjobs" },
  endpointslices: { group: "discovery.k8s.io", version: "v1", plural: "endpointslices" },
  ingresses: { group: "networking.k8s.io", version: "v1", plural: "ingresses" },
  storageclasses: { group: "storage.k8s.io", version: "v1", plural: "storageclasses" },
  leases: { group: "coordination.k8s.io", version: "v1", plural: "leases" },
} satisfies Record<string, ResourceId>;

export function resourceName(resource: ResourceId): string {
  return resource.group === "" ? resource.plural : `${resource.plural}.${resource.group}`;
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(resource: ResourceId): string {
  return resource.group === "" ? resource.version : `${resource.group}/${resource.version}`;
}

/** A work-queue key: `namespace/name`, or `name` for cluster-scoped objects (as client-go's MetaNamespaceKeyFunc). */
export function keyOf(object: KubeObject): string {
  const ns = object.metadata.namespace ?? "";
  const name = object.metadata.name ?? "";
  return ns === "" ? name : `${ns}/${name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf("/");
  return slash < 0 ? { namespace: "", name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

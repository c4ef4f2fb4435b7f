import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "../auth/bootstrap-roles";
import { AlreadyExistsError } from "../store/errors";
import type { KubeObject } from "../store/object-store";
import { standardStorageClass } from "./admission/default-storage-class";
import { ensureDefaultServiceAccount } from "./rest/default-service-account";
import { prepareForCreate } from "./rest/object-lifecycle";
import { ensureClusterServices } from "./services/bootstrap-services";
import type { ApiContext } from "./rest/api-context";

/** The class ingress-nginx (as kind's guide installs it) serves; the default, so Ingresses naming none get it too. */
const nginxIngressClass: KubeObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "IngressClass",
  metadata: {
    name: "nginx",
    labels: { "app.kubernetes.io/component": "controller", "app.kubernetes.io/name": "ingress-nginx" },
    annotations: { "ingressclass.kubernetes.io/is-default-class": "true" },
  },
  spec: { controller: "k8s.io/ingress-nginx" },
};

/** Namespaces every cluster starts with. */
export const systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

/**
 * What a fresh cluster holds before anyone uses it: the system namespaces with their `default`
 * ServiceAccounts, the `kubernetes` and `kube-dns` Services, the default `standard` StorageClass and `nginx`
 * IngressClass, and the default RBAC roles and bindings.
 * Idempotent: existing objects are left as they are (an operator may have tuned them).
 */
export async function bootstrapCluster(ctx: ApiContext): Promise<number> {
  const wanted: { group: string; resource: string; kind: string; object: KubeObject }[] = [
    ...systemNamespaces.map((name) => ({
      group: "",
      resource: "namespaces",
      kind: "Namespace",
      object: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name } } },
    })),
    ...bootstrapClusterRoles().map((role) => ({
      group: "rbac.authorization.k8s.io",
      resource: "clusterroles",
      kind: "ClusterRole",
      object: role as unknown as KubeObject,
    })),
    ...bootstrapClusterRoleBindings().map((binding) => ({
      group: "rbac.authorization.k8s.io",
      resource: "clusterrolebindings",
      kind: "ClusterRoleBinding",
      object: binding as unknown as KubeObject,
    })),
    { group: "storage.k8s.io", resource: "storageclasses", kind: "StorageClass", object: standardStorageClass },
    { group: "networking.k8s.io", resource: "ingressclasses", kind: "IngressClass", object: nginxIngressClass },
  ];
  let created = 0;
  for (const item of wanted) {
    const type = ctx.registry.resolve(item.group, "v1", item.resource);
    if (!type) continue;
    const name = item.object.metadata.name ?? "";
    const key = { cluster: ctx.cluster, group: item.group, resource: item.resource, namespace: "", name };
    if (await ctx.store.get(key)) continue;
    const prepared = prepareForCreate(ctx, { type, namespace: "", name, subresource: "" }, item.object);
    try {
      await ctx.store.create(key, prepared);
      created++;
    } catch (error) {
      // Another process bootstrapping at the same moment created it first: that is the same result.
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }
  for (const namespace of systemNamespaces) {
    if (await ensureDefaultServiceAccount(ctx, namespace)) created++;
  }
  created += await ensureClusterServices(ctx);
  return created;
}

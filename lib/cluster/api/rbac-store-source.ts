import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1";
import type { RbacSource } from "../auth/rbac-source";
import type { ObjectStore } from "../store/object-store";

const group = "rbac.authorization.k8s.io";

/** RBAC's view of the cluster, read from the store (the same objects kubectl creates). */
export function rbacSourceFromStore(store: ObjectStore, cluster: string): RbacSource {
  const list = async <T>(resource: string, namespace?: string): Promise<T[]> => {
    const items: T[] = [];
    let after: { namespace: string; name: string } | undefined;
    do {
      const page = await store.list({ cluster, group, resource, ...(namespace !== undefined ? { namespace } : {}), limit: 1000, ...(after ? { after } : {}) });
      items.push(...(page.items as T[]));
      after = page.next;
    } while (after);
    return items;
  };
  return {
    roles: (namespace) => list<Role>("roles", namespace),
    roleBindings: (namespace) => list<RoleBinding>("rolebindings", namespace),
    clusterRoles: () => list<ClusterRole>("clusterroles"),
    clusterRoleBindings: () => list<ClusterRoleBinding>("clusterrolebindings"),
  };
}

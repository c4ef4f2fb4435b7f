import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { listAllObjects } from "../store/object-cache";
import type { RbacSource } from "../auth/rbac-source";
import { rbacGroup } from "../auth/subjects";
import type { ObjectStore } from "../store/object-store";

/**
 * RBAC's view of the cluster read straight from the store on every call (the same objects kubectl creates):
 * for tests and one-off tools. The API server keeps them in memory instead (auth/rbac-cache.ts).
 */
export function rbacSourceFromStore(store: ObjectStore, cluster: string): RbacSource {
  const list = async <T>(resource: string, namespace?: string): Promise<T[]> =>
    (await listAllObjects(store, { cluster, group: rbacGroup, resource }, namespace)).items as T[];
  return {
    roles: (namespace) => list<Role>("roles", namespace),
    roleBindings: (namespace) => list<RoleBinding>("rolebindings", namespace),
    clusterRoles: () => list<ClusterRole>("clusterroles"),
    clusterRoleBindings: () => list<ClusterRoleBinding>("clusterrolebindings"),
  };
}


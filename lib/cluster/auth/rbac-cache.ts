import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { ObjectCache, type ObjectCacheOptions, type WriteKind } from "../store/object-cache";
import type { ResourceRef } from "../store/object-store";
import type { RbacSource } from "./rbac-source";
import { rbacGroup } from "./subjects";

export const rbacResources = ["roles", "rolebindings", "clusterroles", "clusterrolebindings"] as const;
export type RbacResource = (typeof rbacResources)[number];

export type RbacCacheOptions = Omit<ObjectCacheOptions, "resources">;

/**
 * RBAC's view of one cluster, in memory: Roles, RoleBindings, ClusterRoles and ClusterRoleBindings, followed by
 * an ObjectCache (listed once, then kept current from the store's change feed), so authorising a request reads
 * only what it needs, with no round trip to the store. This process's own RBAC writes count for its very next
 * request (trackWrites + read-your-writes); see object-cache.ts.
 */
export class RbacCache implements RbacSource {
  private readonly cache: ObjectCache;

  constructor(options: RbacCacheOptions) {
    this.cache = new ObjectCache({
      ...options,
      resources: rbacResources.map((resource) => ({ group: rbacGroup, resource, namespaced: resource === "roles" || resource === "rolebindings" })),
    });
  }

  roles(namespace: string) {
    return this.read<Role>("roles", namespace);
  }
  roleBindings(namespace: string) {
    return this.read<RoleBinding>("rolebindings", namespace);
  }
  clusterRoles() {
    return this.read<ClusterRole>("clusterroles", "");
  }
  clusterRoleBindings() {
    return this.read<ClusterRoleBinding>("clusterrolebindings", "");
  }

  /** Changes whenever any cached object does; undefined while some read would have to wait or go direct. */
  generation(): number | undefined {
    return this.cache.generation();
  }

  noteWrite(ref: ResourceRef, revision: string | undefined, kind: WriteKind = "update"): void {
    this.cache.noteWrite(ref, revision, kind);
  }

  start(): void {
    this.cache.start();
  }

  close(): Promise<void> {
    return this.cache.close();
  }

  /** The stored objects, as the RBAC type they are (the store holds them as plain JSON). */
  private read<T>(resource: RbacResource, namespace: string): readonly T[] | Promise<readonly T[]> {
    return this.cache.list(rbacGroup, resource, namespace) as unknown as readonly T[] | Promise<readonly T[]>;
  }
}

import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from "kubernetes-types/rbac/v1";
import { rbacGroup } from "./subjects";

/** Small builders for rbac.authorization.k8s.io/v1 objects: seeding a learner's namespace, and tests. */

const apiVersion = "rbac.authorization.k8s.io/v1";

export const role = (namespace: string, name: string, rules: PolicyRule[]): Role => ({
  apiVersion,
  kind: "Role",
  metadata: { name, namespace },
  rules,
});

export const clusterRole = (name: string, rules: PolicyRule[], labels?: Record<string, string>): ClusterRole => ({
  apiVersion,
  kind: "ClusterRole",
  metadata: { name, ...(labels ? { labels } : {}) },
  rules,
});

export const roleRef = (kind: "Role" | "ClusterRole", name: string): RoleRef => ({ apiGroup: rbacGroup, kind, name });

export const userSubject = (name: string): Subject => ({ apiGroup: rbacGroup, kind: "User", name });
export const groupSubject = (name: string): Subject => ({ apiGroup: rbacGroup, kind: "Group", name });
export const serviceAccountSubject = (name: string, namespace?: string): Subject => ({
  kind: "ServiceAccount",
  name,
  ...(namespace !== undefined ? { namespace } : {}),
});

export const roleBinding = (namespace: string, name: string, ref: RoleRef, subjects: Subject[]): RoleBinding => ({
  apiVersion,
  kind: "RoleBinding",
  metadata: { name, namespace },
  roleRef: ref,
  subjects,
});

export const clusterRoleBinding = (name: string, ref: RoleRef, subjects: Subject[]): ClusterRoleBinding => ({
  apiVersion,
  kind: "ClusterRoleBinding",
  metadata: { name },
  roleRef: ref,
  subjects,
});

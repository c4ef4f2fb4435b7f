import type { UserInfo } from "./user-info";

/** Kubernetes' well-known user and group names (k8s.io/apiserver/pkg/authentication/user, serviceaccount). */
export const systemMasters = "system:masters";
export const allAuthenticated = "system:authenticated";
export const allUnauthenticated = "system:unauthenticated";
export const allServiceAccounts = "system:serviceaccounts";
export const serviceAccountUsernamePrefix = "system:serviceaccount:";
export const serviceAccountGroupPrefix = "system:serviceaccounts:";

export const rbacGroup = "rbac.authorization.k8s.io";

/** `system:serviceaccount:<namespace>:<name>` */
export const serviceAccountUsername = (namespace: string, name: string) =>
  `${serviceAccountUsernamePrefix}${namespace}:${name}`;

/**
 * The identity a ServiceAccount token authenticates as: its username, its two service account groups and
 * `system:authenticated`, which the authenticator adds to everyone it recognises.
 */
export function serviceAccountUser(namespace: string, name: string, uid = ""): UserInfo {
  return {
    username: serviceAccountUsername(namespace, name),
    uid,
    groups: [allServiceAccounts, `${serviceAccountGroupPrefix}${namespace}`, allAuthenticated],
  };
}

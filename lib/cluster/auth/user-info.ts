/** Who is asking, as the authenticator established it (Kubernetes' user.Info). */
export type UserInfo = {
  username: string;
  uid: string;
  groups: string[];
  extra?: Record<string, string[]>;
};

/** The attributes an authorization decision is made on (Kubernetes' authorizer.Attributes). */
export type RequestAttributes =
  | {
      kind: "resource";
      user: UserInfo;
      verb: string;
      group: string;
      version: string;
      resource: string;
      subresource: string;
      namespace: string;
      name: string;
    }
  | { kind: "nonResource"; user: UserInfo; verb: string; path: string };

/**
 * What the authorizer decided. When allowed, `reason` (if any) says by which binding, for the audit log
 * (`RBAC: allowed by RoleBinding "edit/ns" of ClusterRole "edit" to User "alice"`); when denied, `reason` is the
 * body of Kubernetes' Forbidden message (`User "alice" cannot list resource "pods" in API group "" in the
 * namespace "bob"`), to be wrapped by `forbiddenError` into the 403 Status.
 */
export type Decision = { allowed: true; reason?: string } | { allowed: false; reason: string };

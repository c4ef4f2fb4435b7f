import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { checkBindingWrite, checkRoleWrite } from "../auth/escalation";
import type { RbacAuthorizer } from "../auth/rbac-authorizer";
import type { UserInfo } from "../auth/user-info";
import type { KubeObject } from "../store/object-store";
import type { Target } from "./rest/target";

/** One write about to be stored, as an admission plugin sees it. */
export type AdmissionAttempt = {
  operation: "create" | "update";
  target: Target;
  user: UserInfo;
  object: KubeObject;
  oldObject?: KubeObject;
};

/** Throws an ApiError to refuse the write; returns to let it through. */
export type Admission = (attempt: AdmissionAttempt) => Promise<void>;

const rbacGroup = "rbac.authorization.k8s.io";

/** RBAC escalation prevention: nobody grants, through a Role or a binding, what they do not hold themselves. */
export function rbacEscalationAdmission(authorizer: RbacAuthorizer): Admission {
  return async ({ operation, target, user, object, oldObject }) => {
    if (target.type.group !== rbacGroup) return;
    const namespace = target.type.namespaced ? target.namespace : "";
    const write = { user, operation, namespace };
    let result;
    if (target.type.plural === "roles" || target.type.plural === "clusterroles") {
      result = await checkRoleWrite(authorizer, {
        ...write,
        object: object as Role | ClusterRole,
        ...(oldObject ? { oldObject: oldObject as Role | ClusterRole } : {}),
      });
    } else if (target.type.plural === "rolebindings" || target.type.plural === "clusterrolebindings") {
      result = await checkBindingWrite(authorizer, {
        ...write,
        object: object as unknown as RoleBinding | ClusterRoleBinding,
        ...(oldObject ? { oldObject: oldObject as unknown as RoleBinding | ClusterRoleBinding } : {}),
      });
    }
    if (result && !result.allowed) throw result.error;
  };
}

/** Runs plugins in order; the first refusal wins. */
export function chainAdmission(...plugins: Admission[]): Admission {
  return async (attempt) => {
    for (const plugin of plugins) await plugin(attempt);
  };
}

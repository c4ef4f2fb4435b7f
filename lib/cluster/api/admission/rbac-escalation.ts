import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { checkBindingWrite, checkRoleWrite } from "../../auth/escalation";
import type { RbacAuthorizer } from "../../auth/rbac-authorizer";
import type { AdmissionPlugin } from "../admission";

const rbacGroup = "rbac.authorization.k8s.io";

/** RBAC escalation prevention: nobody grants, through a Role or a binding, what they do not hold themselves. */
export function rbacEscalationAdmission(authorizer: RbacAuthorizer): AdmissionPlugin {
  return {
    name: "RBACEscalation",
    validate: async ({ operation, target, user, object, oldObject }) => {
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
    },
  };
}

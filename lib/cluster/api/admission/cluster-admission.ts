import type { RbacAuthorizer } from "../../auth/rbac-authorizer";
import { chainAdmission, type Admission } from "../admission";
import type { ApiContext } from "../rest/api-context";
import { storageAdmission } from "./default-storage-class";
import { limitRangerAdmission } from "./limit-ranger";
import { resourceNormalizationAdmission } from "./normalize-resources";
import { rbacEscalationAdmission } from "./rbac-escalation";
import { resourceQuotaAdmission } from "./resource-quota";
import { serviceAllocationAdmission } from "../services/service-allocation";

/**
 * The cluster's admission chain, in Kubernetes' order: defaults and LimitRanger first (they change the object),
 * ResourceQuota last, so usage is charged only for writes every other plugin let through.
 */
export function clusterAdmission(ctx: ApiContext, authorizer: RbacAuthorizer): Admission {
  return chainAdmission(
    resourceNormalizationAdmission(),
    limitRangerAdmission(ctx),
    // Before ResourceQuota, which charges claims to their (defaulted) storage class.
    storageAdmission(ctx),
    rbacEscalationAdmission(authorizer),
    resourceQuotaAdmission(ctx),
    // Allocation after every other plugin, as Kubernetes allocates Service IPs and ports after admission.
    serviceAllocationAdmission(ctx),
  );
}

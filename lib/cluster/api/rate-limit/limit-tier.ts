import { instructorsGroup } from "../../auth/bootstrap-roles";
import { allAuthenticated, serviceAccountUsernamePrefix, systemMasters } from "../../auth/subjects";
import type { UserInfo } from "../../auth/user-info";

export type LimitTier = "learner" | "instructor";

/**
 * Which request budget a caller spends, or undefined for callers that are never limited:
 * - cluster superusers (`system:masters`: platform admins, the platform itself), whom kube-apiserver's own
 *   max-in-flight filter never refuses either: they must always get an answer, above all while someone floods;
 * - the cluster's components (`system:` users: controllers, the scheduler, kubelets), which act for everyone;
 * - unauthenticated callers, who reach only the public health and version endpoints.
 * Service accounts are limited, each on its own: a pod a learner runs must not escape the learner's limits.
 */
export function limitTier(user: UserInfo): LimitTier | undefined {
  if (!user.groups.includes(allAuthenticated) || user.groups.includes(systemMasters)) return undefined;
  if (user.username.startsWith("system:") && !user.username.startsWith(serviceAccountUsernamePrefix)) return undefined;
  return user.groups.includes(instructorsGroup) ? "instructor" : "learner";
}

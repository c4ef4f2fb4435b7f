import { allUnauthenticated } from "@/lib/cluster/auth/subjects";
import type { UserInfo } from "@/lib/cluster/auth/user-info";

/** Who a request without credentials is, in Kubernetes' terms. */
export const anonymousUser: UserInfo = { username: "system:anonymous", uid: "", groups: [allUnauthenticated] };

/**
 * The paths a caller without credentials may try: those of the `system:public-info-viewer` ClusterRole, as
 * Kubernetes 1.32+ limits anonymous requests to configured endpoints (AnonymousAuthConfigurableEndpoints).
 * They still pass RBAC as system:anonymous, so removing that binding closes them. Anything else stays 401.
 */
const publicInfoPaths = new Set(["/healthz", "/livez", "/readyz", "/version", "/version/"]);

export function anonymousFor(authorization: string | undefined, path: string): UserInfo | undefined {
  return authorization === undefined && publicInfoPaths.has(path) ? anonymousUser : undefined;
}

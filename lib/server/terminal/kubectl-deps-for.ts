import type { Admission } from "@/lib/cluster/api/rate-limit/request-limiter";
import { tooManyRequests } from "@/lib/cluster/api/status";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import type { KubectlDeps } from "@/lib/kubectl/kubectl-deps";
import type { ClusterApi } from "../apiserver/cluster-api";
import { processClusterApi } from "../apiserver/process-cluster-api";
import type { PlatformUser } from "../auth/platform-user";
import { userInfoFor } from "../auth/token-authenticator";

/** What `kubectl version` reports: the real client the parity suite compares the terminal's kubectl with. */
export const terminalKubectlVersion = { major: "1", minor: "35", gitVersion: "v1.35.2" };

/**
 * The terminal's kubectl acting as `user`: every request goes through this process's cluster API (authorise →
 * admit → store) with the user's cluster identity set here, whatever the request carries. `admit` is the same
 * per-user rate limit the HTTPS edge applies, so a shell loop in the browser cannot starve the class either.
 */
export function kubectlDepsFor(
  user: PlatformUser,
  serverUrl: string,
  // A bare function is the cluster API alone (the first form of this signature, which callers still use).
  apiOrOptions: (() => Promise<ClusterApi>) | { api?: () => Promise<ClusterApi>; admit?: (user: UserInfo) => Admission } = {},
): KubectlDeps {
  const options = typeof apiOrOptions === "function" ? { api: apiOrOptions } : apiOrOptions;
  const identity = userInfoFor(user);
  const api = options.api ?? (() => processClusterApi());
  return {
    serve: async (request) => {
      const admission = "admit" in options ? options.admit?.(identity) : undefined;
      if (admission && !admission.allowed) {
        const { retryAfterSeconds } = admission;
        return { kind: "json", status: 429, body: tooManyRequests(retryAfterSeconds).toStatus(), headers: { "retry-after": String(retryAfterSeconds) } };
      }
      return (await api()).serve({ ...request, user: identity });
    },
    serverUrl,
    clientVersion: terminalKubectlVersion,
  };
}

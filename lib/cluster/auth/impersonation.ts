import { ApiError } from "../api/status";
import { forbiddenError } from "./forbidden";
import type { Decision, RequestAttributes, UserInfo } from "./user-info";

/** What a request asks to act as (the Impersonate-User, -Group, -Uid and -Extra-* headers). */
export type Impersonation = { user?: string; uid?: string; groups: string[]; extra: Record<string, string[]> };

const serviceAccountPrefix = "system:serviceaccount:";

/**
 * Kubernetes' impersonation filter: every impersonated attribute needs the `impersonate` verb on it (users,
 * groups, serviceaccounts, uids, userextras/<key>); if all are allowed the request continues as the impersonated
 * user, otherwise it is refused with the 403 kube-apiserver sends, e.g. `users "bob" is forbidden: User "alice"
 * cannot impersonate resource "users" in API group "" at the cluster scope`.
 */
export async function impersonatedUser(
  requester: UserInfo,
  wanted: Impersonation,
  authorize: (attributes: RequestAttributes) => Promise<Decision>,
): Promise<UserInfo> {
  if (wanted.user === undefined || wanted.user === "") {
    // kube-apiserver answers this with a 500; it is the client's mistake, so a 400 here.
    throw new ApiError(400, "BadRequest", `requested [${describe(wanted)}] without impersonating a user`, {});
  }
  const checks: RequestAttributes[] = [];
  const resourceCheck = (group: string, resource: string, name: string, namespace = "", subresource = ""): RequestAttributes => ({
    kind: "resource",
    user: requester,
    verb: "impersonate",
    group,
    version: "",
    resource,
    subresource,
    namespace,
    name,
  });
  const account = serviceAccountOf(wanted.user);
  checks.push(account ? resourceCheck("", "serviceaccounts", account.name, account.namespace) : resourceCheck("", "users", wanted.user));
  for (const group of wanted.groups) checks.push(resourceCheck("", "groups", group));
  if (wanted.uid !== undefined) checks.push(resourceCheck("authentication.k8s.io", "uids", wanted.uid));
  for (const [key, values] of Object.entries(wanted.extra)) {
    for (const value of values) checks.push(resourceCheck("authentication.k8s.io", "userextras", value, "", key));
  }
  for (const attributes of checks) {
    const decision = await authorize(attributes);
    if (!decision.allowed) throw forbiddenError(attributes, decision.reason);
  }
  const groups = [...wanted.groups];
  if (account) groups.push("system:serviceaccounts", `system:serviceaccounts:${account.namespace}`);
  if (wanted.user !== "system:anonymous" && !groups.includes("system:authenticated")) groups.push("system:authenticated");
  return {
    username: wanted.user,
    uid: wanted.uid ?? "",
    groups,
    ...(Object.keys(wanted.extra).length > 0 ? { extra: wanted.extra } : {}),
  };
}

function serviceAccountOf(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(serviceAccountPrefix)) return undefined;
  const [namespace, name, ...rest] = username.slice(serviceAccountPrefix.length).split(":");
  return namespace && name && rest.length === 0 ? { namespace, name } : undefined;
}

function describe(wanted: Impersonation): string {
  const parts = wanted.groups.map((g) => `group ${g}`);
  if (wanted.uid !== undefined) parts.push(`uid ${wanted.uid}`);
  for (const key of Object.keys(wanted.extra)) parts.push(`extra ${key}`);
  return parts.join(" ");
}

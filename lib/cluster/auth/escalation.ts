import type { ObjectMeta } from "kubernetes-types/meta/v1";
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef } from "kubernetes-types/rbac/v1";
import { ApiError, badRequest, internalError } from "../api/status";
import { compactRules, compactString, covers } from "./covers";
import { aggregateMessage, goQuote, goQuoteList, sortedSet } from "./go-format";
import type { RbacAuthorizer } from "./rbac-authorizer";
import { RoleNotFoundError, RuleResolver } from "./rbac-source";
import { rbacGroup, systemMasters } from "./subjects";
import type { UserInfo } from "./user-info";

/**
 * RBAC escalation prevention, as Kubernetes' RBAC registry does it (pkg/registry/rbac/{role,clusterrole,
 * rolebinding,clusterrolebinding}/policybased and escalation_check.go). Writing a Role or ClusterRole is allowed
 * only to someone who already holds every rule it grants, where it grants them, or who may `escalate` it;
 * writing a binding only to someone who holds everything the referenced role grants in the binding's scope, or
 * who may `bind` that role. `system:masters` skips both checks.
 */

export type EscalationResult = { allowed: true } | { allowed: false; error: ApiError };

const allowed: EscalationResult = { allowed: true };
const refuse = (error: ApiError): EscalationResult => ({ allowed: false, error });

/** Cluster-admin's rules: what one must hold to set an aggregationRule. */
const fullAuthority: PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];

/**
 * ConfirmNoEscalation: null when the user's rules in `namespace` (cluster-wide ones included; "" for cluster
 * scope) cover `rules`, otherwise Kubernetes' explanation listing what is missing.
 */
export async function confirmNoEscalation(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
): Promise<string | null> {
  const owner = await new RuleResolver(authorizer.source, "registry").rulesFor(user, namespace);
  const result = covers(owner.rules, rules);
  if (result.covers) return null;
  const missing = sortedSet(compactRules(result.missing).map(compactString));
  let msg =
    `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions ` +
    `not currently held:\n${missing.join("\n")}`;
  if (owner.errors.length > 0) msg += `; resolution errors: [${aggregateMessage(owner.errors)}]`;
  return msg;
}

/** apierrors.NewForbidden(groupResource, name, err). */
const forbiddenRbac = (resource: string, name: string, message: string) =>
  new ApiError(403, "Forbidden", `${resource}.${rbacGroup} ${goQuote(name)} is forbidden: ${message}`, {
    name,
    group: rbacGroup,
    kind: resource,
  });

const isSuperuser = (user: UserInfo) => user.groups.includes(systemMasters);

// IsOnlyMutatingGCFields: an update that only touches ownerReferences/finalizers (what the garbage collector
// changes) is let through, so deleting an owner never gets stuck on a role the deleter could not have written.
const gcFields = new Set(["ownerReferences", "finalizers", "selfLink", "managedFields"]);

function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => semanticEqual(x[k], y[k]));
  }
  return a === b;
}

export function isOnlyMutatingGCFields(obj: { metadata?: ObjectMeta }, old: { metadata?: ObjectMeta } | undefined): boolean {
  if (!old) return false;
  const strip = (o: { metadata?: ObjectMeta }) => ({
    ...o,
    metadata: Object.fromEntries(Object.entries(o.metadata ?? {}).filter(([k]) => !gcFields.has(k))),
  });
  return semanticEqual(strip(obj), strip(old));
}

export type RoleWrite = {
  user: UserInfo;
  /** The request's verb: a create, or an update (PUT or PATCH, which reach the same registry update). */
  operation: "create" | "update";
  /** The object as it would be stored, and for an update the stored one it replaces. */
  object: Role | ClusterRole;
  oldObject?: Role | ClusterRole;
  /** The namespace in the request path ("" for ClusterRoles). */
  namespace: string;
};

/** RoleEscalationAuthorized: the `escalate` verb on the request's own resource and name (none on create). */
async function mayEscalate(authorizer: RbacAuthorizer, resource: "roles" | "clusterroles", w: RoleWrite) {
  const name = w.operation === "create" ? "" : (w.object.metadata?.name ?? "");
  const result = await authorizer.check({
    kind: "resource",
    user: w.user,
    verb: "escalate",
    group: rbacGroup,
    version: "*",
    resource,
    subresource: "",
    namespace: w.namespace,
    name,
  });
  return result.decision === "Allow";
}

const hasAggregationRule = (r: Role | ClusterRole | undefined) =>
  ((r as ClusterRole | undefined)?.aggregationRule?.clusterRoleSelectors ?? []).length > 0;

/** The escalation check on creating or updating a Role (namespace set) or ClusterRole (namespace ""). */
export async function checkRoleWrite(authorizer: RbacAuthorizer, w: RoleWrite): Promise<EscalationResult> {
  const resource = w.namespace === "" ? "clusterroles" : "roles";
  if (isSuperuser(w.user) || (await mayEscalate(authorizer, resource, w))) return allowed;
  if (w.operation === "update" && isOnlyMutatingGCFields(w.object, w.oldObject)) return allowed;

  const name = w.object.metadata?.name ?? "";
  const missing = await confirmNoEscalation(authorizer, w.user, w.namespace, w.object.rules ?? []);
  if (missing !== null) return refuse(forbiddenRbac(resource, name, missing));
  // An aggregationRule can gather anything, and changing one can stop a role from tightening: cluster-admin only.
  if (resource === "clusterroles" && (hasAggregationRule(w.object) || hasAggregationRule(w.oldObject))) {
    if ((await confirmNoEscalation(authorizer, w.user, "", fullAuthority)) !== null) {
      return refuse(forbiddenRbac(resource, name, "must have cluster-admin privileges to use the aggregationRule"));
    }
  }
  return allowed;
}

export type BindingWrite = {
  user: UserInfo;
  operation: "create" | "update";
  object: RoleBinding | ClusterRoleBinding;
  oldObject?: RoleBinding | ClusterRoleBinding;
  /** The namespace in the request path ("" for ClusterRoleBindings). */
  namespace: string;
};

/** BindingAuthorized: the `bind` verb on the referenced role, in the binding's namespace (resourceNames apply). */
async function mayBind(authorizer: RbacAuthorizer, user: UserInfo, roleRef: RoleRef, namespace: string) {
  if (roleRef.kind !== "Role" && roleRef.kind !== "ClusterRole") return false;
  const result = await authorizer.check({
    kind: "resource",
    user,
    verb: "bind",
    group: roleRef.apiGroup,
    version: "",
    resource: roleRef.kind === "Role" ? "roles" : "clusterroles",
    subresource: "",
    namespace,
    name: roleRef.name,
  });
  return result.decision === "Allow";
}

/** The escalation check on creating or updating a RoleBinding (namespace set) or ClusterRoleBinding (""). */
export async function checkBindingWrite(authorizer: RbacAuthorizer, w: BindingWrite): Promise<EscalationResult> {
  const resource = w.namespace === "" ? "clusterrolebindings" : "rolebindings";
  if (isSuperuser(w.user)) return allowed;
  if (resource === "rolebindings" && w.namespace === "") return refuse(badRequest("namespace is required"));
  if (w.operation === "update" && isOnlyMutatingGCFields(w.object, w.oldObject)) return allowed;
  const roleRef = w.object.roleRef;
  if (await mayBind(authorizer, w.user, roleRef, w.namespace)) return allowed;

  let rules: PolicyRule[];
  try {
    rules = await new RuleResolver(authorizer.source, "registry").roleReferenceRules(roleRef, w.namespace);
  } catch (err) {
    if (err instanceof RoleNotFoundError) {
      return refuse(
        new ApiError(404, "NotFound", err.message, { name: err.roleName, group: rbacGroup, kind: err.resource }),
      );
    }
    return refuse(internalError(err instanceof Error ? err.message : String(err)));
  }
  const missing = await confirmNoEscalation(authorizer, w.user, w.namespace, rules);
  if (missing !== null) return refuse(forbiddenRbac(resource, w.object.metadata?.name ?? "", missing));
  return allowed;
}

/** Roles and bindings as `kubectl create role|clusterrole|rolebinding|clusterrolebinding` build them. */
import type { JsonObject } from "../../../cluster/api/patch/json-value";
import { GeneratorError } from "./generator-error";

const RBAC = "rbac.authorization.k8s.io";
const VALID_VERBS = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"];

/** A resource as resolved by discovery (plural and group), with its subresource if one was named. */
export type RuleResource = { group: string; resource: string; subresource?: string };

/**
 * Checks the verbs of a rule; returns kubectl's warnings. A resource rule may carry any verb (kubectl only warns
 * that a verb is not a standard one and sends it); a non-resource URL rule must use a standard one.
 */
export function validateVerbs(verbs: string[], clusterScoped: boolean): string[] {
  if (verbs.length === 0) throw new GeneratorError("at least one verb must be specified");
  const unknown = verbs.filter((verb) => !VALID_VERBS.includes(verb));
  if (clusterScoped && unknown[0] !== undefined) throw new GeneratorError(`invalid verb: '${unknown[0]}' for nonResourceURL`);
  return unknown.map((verb) => `Warning: '${verb}' is not a standard resource verb`);
}

/** One rule per API group, groups sorted, resources in the order given, as kubectl groups them. */
export function policyRules(verbs: string[], resources: RuleResource[], resourceNames: string[]): JsonObject[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const name = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
    const list = byGroup.get(r.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(r.group, list);
  }
  return [...byGroup.keys()].sort().map((group) => {
    const rule: JsonObject = { verbs, apiGroups: [group], resources: byGroup.get(group) ?? [] };
    if (resourceNames.length > 0) rule.resourceNames = resourceNames;
    return rule;
  });
}

export function roleObject(kind: "Role" | "ClusterRole", name: string, rules: JsonObject[], namespace?: string): JsonObject {
  return { kind, apiVersion: `${RBAC}/v1`, metadata: { name, ...(namespace ? { namespace } : {}) }, rules };
}

export type BindingOptions = {
  name: string;
  role?: string;
  clusterRole?: string;
  users: string[];
  groups: string[];
  serviceAccounts: string[];
  namespace?: string;
};

export function bindingObject(kind: "RoleBinding" | "ClusterRoleBinding", o: BindingOptions): JsonObject {
  if (kind === "RoleBinding" && (o.role ? 1 : 0) + (o.clusterRole ? 1 : 0) !== 1) {
    throw new GeneratorError("exactly one of clusterrole or role must be specified");
  }
  if (kind === "ClusterRoleBinding" && !o.clusterRole) throw new GeneratorError("required flag(s) \"clusterrole\" not set");
  const subjects: JsonObject[] = [
    ...o.users.map((name) => ({ kind: "User", apiGroup: RBAC, name })),
    ...o.groups.map((name) => ({ kind: "Group", apiGroup: RBAC, name })),
    ...o.serviceAccounts.map((sa) => {
      const parts = sa.split(":");
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new GeneratorError(`serviceaccount must be <namespace>:<name>`);
      return { kind: "ServiceAccount", name: parts[1], namespace: parts[0] };
    }),
  ];
  const object: JsonObject = {
    kind,
    apiVersion: `${RBAC}/v1`,
    metadata: { name: o.name, ...(o.namespace && kind === "RoleBinding" ? { namespace: o.namespace } : {}) },
  };
  if (subjects.length > 0) object.subjects = subjects;
  object.roleRef = { apiGroup: RBAC, kind: o.role ? "Role" : "ClusterRole", name: o.role ?? o.clusterRole ?? "" };
  return object;
}

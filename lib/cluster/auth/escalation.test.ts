import type { PolicyRule, RoleBinding } from "kubernetes-types/rbac/v1";
import { describe, expect, it } from "vitest";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-roles";
import { checkBindingWrite, checkRoleWrite, isOnlyMutatingGCFields, type EscalationResult } from "./escalation";
import { createRbacAuthorizer } from "./rbac-authorizer";
import { clusterRole, clusterRoleBinding, role, roleBinding, roleRef, serviceAccountSubject, userSubject } from "./rbac-objects";
import { staticRbacSource } from "./rbac-source";
import { serviceAccountUser } from "./subjects";
import type { UserInfo } from "./user-info";

const person = (username: string): UserInfo => ({ username, uid: "", groups: ["system:authenticated"] });
const alice = person("alice"); // edit in "alice"
const bob = person("bob"); // admin in "bob"
const bindy = person("bindy"); // admin in "team", may bind cluster-admin there
const granter = person("granter"); // may only bind view in "team"
const esc = person("esc"); // admin in "team", may escalate roles there
const picky = person("picky"); // admin in "team", may escalate only the role named "special"
const root: UserInfo = { username: "root", uid: "", groups: ["system:masters", "system:authenticated"] };

const rbac = "rbac.authorization.k8s.io";
const allow = (verbs: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups: [rbac],
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

const authz = createRbacAuthorizer(
  staticRbacSource({
    clusterRoles: [...bootstrapClusterRoles(), clusterRole("role-writer", [allow(["create", "update"], ["clusterroles"])])],
    clusterRoleBindings: [
      ...bootstrapClusterRoleBindings(),
      clusterRoleBinding("crw", roleRef("ClusterRole", "role-writer"), [userSubject("crw")]),
    ],
    roles: [
      role("team", "bind-cluster-admin", [allow(["bind"], ["clusterroles"], ["cluster-admin"])]),
      role("team", "bind-view", [allow(["bind"], ["clusterroles"], ["view"])]),
      role("team", "escalate", [allow(["escalate"], ["roles"])]),
      role("team", "escalate-special", [allow(["escalate"], ["roles"], ["special"])]),
    ],
    roleBindings: [
      roleBinding("alice", "edit", roleRef("ClusterRole", "edit"), [userSubject("alice")]),
      roleBinding("bob", "admin", roleRef("ClusterRole", "admin"), [userSubject("bob")]),
      roleBinding("bob", "dangling", roleRef("Role", "gone"), [userSubject("dangler")]),
      roleBinding("bob", "dangler-admin", roleRef("ClusterRole", "admin"), [userSubject("dangler")]),
      roleBinding("ci", "builder", roleRef("ClusterRole", "edit"), [serviceAccountSubject("builder")]),
      roleBinding("team", "admins", roleRef("ClusterRole", "admin"), [userSubject("bindy"), userSubject("esc"), userSubject("picky")]),
      roleBinding("team", "bindy", roleRef("Role", "bind-cluster-admin"), [userSubject("bindy")]),
      roleBinding("team", "granter", roleRef("Role", "bind-view"), [userSubject("granter")]),
      roleBinding("team", "esc", roleRef("Role", "escalate"), [userSubject("esc")]),
      roleBinding("team", "picky", roleRef("Role", "escalate-special"), [userSubject("picky")]),
    ],
  }),
);

const denial = (r: EscalationResult) => {
  if (r.allowed) throw new Error("expected a refusal");
  return { code: r.error.code, reason: r.error.reason, message: r.error.message };
};

const pods: PolicyRule = { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] };
const nodes: PolicyRule = { verbs: ["get"], apiGroups: [""], resources: ["nodes"] };
const createRole = (user: UserInfo, namespace: string, name: string, rules: PolicyRule[]) =>
  checkRoleWrite(authz, { user, operation: "create", namespace, object: role(namespace, name, rules) });

const bind = (user: UserInfo, namespace: string, name: string, kind: "Role" | "ClusterRole", target: string, operation: "create" | "update" = "create") =>
  checkBindingWrite(authz, {
    user,
    operation,
    namespace,
    object: namespace === "" ? clusterRoleBinding(name, roleRef(kind, target), [userSubject("x")]) : roleBinding(namespace, name, roleRef(kind, target), [userSubject("x")]),
  });

const grantHeader = (who: string, groups = '["system:authenticated"]') =>
  `user "${who}" (groups=${groups}) is attempting to grant RBAC permissions not currently held:\n`;
const clusterAdminMissing = '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}';

describe("creating and updating Roles", () => {
  it("lets admin create a Role with rules it holds in its namespace", async () => {
    expect(await createRole(bob, "bob", "pod-reader", [pods])).toEqual({ allowed: true });
    expect(await createRole(bob, "bob", "sa-impersonator", [{ verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"] }])).toEqual({
      allowed: true,
    });
  });

  it("refuses rules admin does not hold, with Kubernetes' message", async () => {
    expect(denial(await createRole(bob, "bob", "node-reader", [nodes]))).toEqual({
      code: 403,
      reason: "Forbidden",
      message: `roles.rbac.authorization.k8s.io "node-reader" is forbidden: ${grantHeader("bob")}{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}`,
    });
  });

  it("refuses admin's own rules in another namespace", async () => {
    expect(denial(await createRole(bob, "alice", "pod-reader", [pods])).message).toBe(
      `roles.rbac.authorization.k8s.io "pod-reader" is forbidden: ${grantHeader("bob")}{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`,
    );
  });

  it("lists exactly what is missing, compacted and sorted", async () => {
    const rules: PolicyRule[] = [
      { verbs: ["get", "list", "delete"], apiGroups: ["", "apps"], resources: ["nodes", "pods"] },
      { verbs: ["get"], nonResourceURLs: ["/metrics"] },
    ];
    expect(denial(await createRole(bob, "bob", "wide", rules)).message).toBe(
      `roles.rbac.authorization.k8s.io "wide" is forbidden: ${grantHeader("bob")}` +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list" "delete"]}\n' +
        '{APIGroups:["apps"], Resources:["nodes"], Verbs:["get" "list" "delete"]}\n' +
        '{APIGroups:["apps"], Resources:["pods"], Verbs:["get" "list" "delete"]}\n' +
        '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    );
  });

  it("appends resolution errors met while reading the user's own rules", async () => {
    expect(denial(await createRole(person("dangler"), "bob", "node-reader", [nodes])).message).toBe(
      `roles.rbac.authorization.k8s.io "node-reader" is forbidden: ${grantHeader("dangler")}` +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}; resolution errors: [roles.rbac.authorization.k8s.io "gone" not found]',
    );
    expect(await createRole(person("dangler"), "bob", "pod-reader", [pods])).toEqual({ allowed: true });
  });

  it("lets the escalate verb skip the check, honouring resourceNames against the request's name", async () => {
    expect(await createRole(esc, "team", "node-reader", [nodes])).toEqual({ allowed: true });
    // On create the request has no name yet, so a name-restricted escalate cannot apply.
    expect(denial(await createRole(picky, "team", "special", [nodes])).code).toBe(403);
    const special = role("team", "special", [nodes]);
    expect(await checkRoleWrite(authz, { user: picky, operation: "update", namespace: "team", object: special, oldObject: role("team", "special", []) })).toEqual({
      allowed: true,
    });
    const other = role("team", "other", [nodes]);
    expect(denial(await checkRoleWrite(authz, { user: picky, operation: "update", namespace: "team", object: other, oldObject: role("team", "other", []) })).code).toBe(403);
  });

  it("lets an update that only touches ownerReferences or finalizers through", async () => {
    const old = role("bob", "node-reader", [nodes]);
    const gcOnly = { ...old, metadata: { ...old.metadata, finalizers: ["x"], ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "u" }] } };
    expect(await checkRoleWrite(authz, { user: bob, operation: "update", namespace: "bob", object: gcOnly, oldObject: old })).toEqual({ allowed: true });
    const labelled = { ...old, metadata: { ...old.metadata, labels: { a: "b" } } };
    expect(denial(await checkRoleWrite(authz, { user: bob, operation: "update", namespace: "bob", object: labelled, oldObject: old })).code).toBe(403);
  });

  it("never checks system:masters", async () => {
    expect(await createRole(root, "bob", "node-reader", [nodes])).toEqual({ allowed: true });
    expect(await bind(root, "", "root", "ClusterRole", "cluster-admin")).toEqual({ allowed: true });
  });

  it("requires cluster-admin's rules to set or drop an aggregationRule on a ClusterRole", async () => {
    const crw = person("crw");
    const agg = { ...clusterRole("agg", []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "y" } }] } };
    expect(denial(await checkRoleWrite(authz, { user: crw, operation: "create", namespace: "", object: agg })).message).toBe(
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
    expect(await checkRoleWrite(authz, { user: crw, operation: "create", namespace: "", object: clusterRole("plain", []) })).toEqual({ allowed: true });
    expect(denial(await checkRoleWrite(authz, { user: crw, operation: "update", namespace: "", object: clusterRole("agg", []), oldObject: agg })).code).toBe(403);
    expect(await checkRoleWrite(authz, { user: root, operation: "create", namespace: "", object: agg })).toEqual({ allowed: true });
  });
});

describe("creating and updating bindings", () => {
  it("refuses an edit user binding cluster-admin", async () => {
    expect(denial(await bind(alice, "alice", "root", "ClusterRole", "cluster-admin"))).toEqual({
      code: 403,
      reason: "Forbidden",
      message: `rolebindings.rbac.authorization.k8s.io "root" is forbidden: ${grantHeader("alice")}${clusterAdminMissing}`,
    });
  });

  it("refuses an admin user binding cluster-admin, even in its own namespace", async () => {
    expect(denial(await bind(bob, "bob", "root", "ClusterRole", "cluster-admin")).message).toBe(
      `rolebindings.rbac.authorization.k8s.io "root" is forbidden: ${grantHeader("bob")}${clusterAdminMissing}`,
    );
  });

  it("lets admin hand out edit, view and admin in its namespace, but edit cannot hand out admin", async () => {
    for (const target of ["edit", "view", "admin"]) expect(await bind(bob, "bob", target, "ClusterRole", target)).toEqual({ allowed: true });
    const rw = '["create" "delete" "deletecollection" "get" "list" "patch" "update" "watch"]';
    expect(denial(await bind(alice, "alice", "boss", "ClusterRole", "admin")).message).toBe(
      `rolebindings.rbac.authorization.k8s.io "boss" is forbidden: ${grantHeader("alice")}` +
        '{APIGroups:["authorization.k8s.io"], Resources:["localsubjectaccessreviews"], Verbs:["create"]}\n' +
        `{APIGroups:["rbac.authorization.k8s.io"], Resources:["rolebindings"], Verbs:${rw}}\n` +
        `{APIGroups:["rbac.authorization.k8s.io"], Resources:["roles"], Verbs:${rw}}`,
    );
  });

  it("words a service account's groups as Go's %q does", async () => {
    const builder = serviceAccountUser("ci", "builder");
    expect(denial(await bind(builder, "ci", "root", "ClusterRole", "cluster-admin")).message).toBe(
      `rolebindings.rbac.authorization.k8s.io "root" is forbidden: ` +
        grantHeader("system:serviceaccount:ci:builder", '["system:serviceaccounts" "system:serviceaccounts:ci" "system:authenticated"]') +
        clusterAdminMissing,
    );
  });

  it("lets the bind verb allow it, only in that namespace and only for the named role", async () => {
    expect(await bind(bindy, "team", "root", "ClusterRole", "cluster-admin")).toEqual({ allowed: true });
    expect(denial(await bind(bindy, "bob", "root", "ClusterRole", "cluster-admin")).code).toBe(403);
    expect(denial(await bind(bindy, "", "root", "ClusterRole", "cluster-admin")).message).toBe(
      `clusterrolebindings.rbac.authorization.k8s.io "root" is forbidden: ${grantHeader("bindy")}${clusterAdminMissing}`,
    );
    expect(await bind(granter, "team", "viewers", "ClusterRole", "view")).toEqual({ allowed: true });
    const refused = denial(await bind(granter, "team", "editors", "ClusterRole", "edit"));
    expect(refused.code).toBe(403);
    expect(refused.message.startsWith(`rolebindings.rbac.authorization.k8s.io "editors" is forbidden: ${grantHeader("granter")}`)).toBe(true);
  });

  it("checks a ClusterRoleBinding against cluster-wide rules only", async () => {
    const refused = denial(await bind(bob, "", "view-all", "ClusterRole", "view"));
    expect(refused.message).toContain(`clusterrolebindings.rbac.authorization.k8s.io "view-all" is forbidden: ${grantHeader("bob")}`);
    expect(refused.message).toContain('{APIGroups:[""], Resources:["pods"], Verbs:["get" "list" "watch"]}');
    expect(refused.message).not.toContain("secrets");
  });

  it("answers NotFound for a role that does not exist", async () => {
    const missing = await bind(bob, "bob", "x", "ClusterRole", "nope");
    expect(missing.allowed).toBe(false);
    if (!missing.allowed) {
      expect(missing.error.toStatus()).toMatchObject({
        code: 404,
        reason: "NotFound",
        message: 'clusterroles.rbac.authorization.k8s.io "nope" not found',
        details: { name: "nope", group: "rbac.authorization.k8s.io", kind: "clusterroles" },
      });
    }
    expect(denial(await bind(bob, "bob", "x", "Role", "nope")).message).toBe('roles.rbac.authorization.k8s.io "nope" not found');
  });

  it("binds a Role from the binding's own namespace", async () => {
    expect(await bind(bindy, "team", "x", "Role", "bind-cluster-admin")).toEqual({ allowed: true });
    expect(denial(await bind(bindy, "team", "x", "Role", "bind-view")).message).toBe(
      `rolebindings.rbac.authorization.k8s.io "x" is forbidden: ${grantHeader("bindy")}` +
        '{APIGroups:["rbac.authorization.k8s.io"], Resources:["clusterroles"], ResourceNames:["view"], Verbs:["bind"]}',
    );
    expect(denial(await bind(bob, "bob", "x", "Role", "bind-view")).message).toBe('roles.rbac.authorization.k8s.io "bind-view" not found');
  });

  it("lets an update that only touches GC fields through", async () => {
    const old: RoleBinding = roleBinding("bob", "root", roleRef("ClusterRole", "cluster-admin"), [userSubject("x")]);
    const gcOnly: RoleBinding = { ...old, metadata: { ...old.metadata, finalizers: ["f"] } };
    expect(await checkBindingWrite(authz, { user: bob, operation: "update", namespace: "bob", object: gcOnly, oldObject: old })).toEqual({ allowed: true });
    const changed: RoleBinding = { ...old, subjects: [userSubject("bob")] };
    expect(denial(await checkBindingWrite(authz, { user: bob, operation: "update", namespace: "bob", object: changed, oldObject: old })).code).toBe(403);
  });
});

describe("isOnlyMutatingGCFields", () => {
  it("treats missing and empty as equal, and needs an old object", () => {
    expect(isOnlyMutatingGCFields({ metadata: { name: "a", labels: {} } }, { metadata: { name: "a" } })).toBe(true);
    expect(isOnlyMutatingGCFields({ metadata: { name: "a" } }, undefined)).toBe(false);
    expect(isOnlyMutatingGCFields({ metadata: { name: "a", labels: { x: "1" } } }, { metadata: { name: "a" } })).toBe(false);
  });
});

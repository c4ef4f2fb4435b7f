import { describe, expect, it } from "vitest";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-roles";
import { forbiddenError } from "./forbidden";
import { createRbacAuthorizer } from "./rbac-authorizer";
import {
  clusterRole,
  clusterRoleBinding,
  groupSubject,
  role,
  roleBinding,
  roleRef,
  serviceAccountSubject,
  userSubject,
} from "./rbac-objects";
import { staticRbacSource, type RbacSource } from "./rbac-source";
import { serviceAccountUser } from "./subjects";
import type { RequestAttributes, UserInfo } from "./user-info";

const person = (username: string, ...groups: string[]): UserInfo => ({ username, uid: "", groups: [...groups, "system:authenticated"] });
const alice = person("alice");
const bob = person("bob");
const vera = person("vera");

const res = (
  user: UserInfo,
  verb: string,
  resource: string,
  namespace: string,
  opts: { group?: string; subresource?: string; name?: string } = {},
): RequestAttributes => ({
  kind: "resource",
  user,
  verb,
  group: opts.group ?? "",
  version: "v1",
  resource,
  subresource: opts.subresource ?? "",
  namespace,
  name: opts.name ?? "",
});
const url = (user: UserInfo, verb: string, path: string): RequestAttributes => ({ kind: "nonResource", user, verb, path });

const bootstrap = { clusterRoles: bootstrapClusterRoles(), clusterRoleBindings: bootstrapClusterRoleBindings() };
const classroom = () =>
  staticRbacSource({
    ...bootstrap,
    roleBindings: [
      roleBinding("alice", "edit", roleRef("ClusterRole", "edit"), [userSubject("alice")]),
      roleBinding("bob", "admin", roleRef("ClusterRole", "admin"), [userSubject("bob")]),
      roleBinding("team", "view", roleRef("ClusterRole", "view"), [userSubject("vera")]),
      roleBinding("ci", "builder", roleRef("ClusterRole", "edit"), [serviceAccountSubject("builder")]),
    ],
  });

describe("RBAC authorizer with the default roles", () => {
  const authz = createRbacAuthorizer(classroom());

  it("lets edit work in its own namespace, and says which binding allowed it", async () => {
    expect(await authz.authorize(res(alice, "create", "pods", "alice"))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "edit/alice" of ClusterRole "edit" to User "alice"',
    });
    expect((await authz.authorize(res(alice, "update", "deployments", "alice", { group: "apps", subresource: "scale", name: "web" }))).allowed).toBe(true);
    expect((await authz.authorize(res(alice, "create", "pods", "alice", { subresource: "exec", name: "web" }))).allowed).toBe(true);
    expect((await authz.authorize(res(alice, "get", "secrets", "alice", { name: "s" }))).allowed).toBe(true);
  });

  it("keeps a RoleBinding to a ClusterRole inside the binding's namespace", async () => {
    expect(await authz.authorize(res(alice, "list", "pods", "bob"))).toEqual({
      allowed: false,
      reason: 'User "alice" cannot list resource "pods" in API group "" in the namespace "bob"',
    });
    expect(await authz.authorize(res(alice, "list", "pods", ""))).toEqual({
      allowed: false,
      reason: 'User "alice" cannot list resource "pods" in API group "" at the cluster scope',
    });
  });

  it("words cluster-scoped, subresource and non-resource denials as Kubernetes does", async () => {
    expect(await authz.authorize(res(alice, "get", "nodes", "", { name: "node-1" }))).toEqual({
      allowed: false,
      reason: 'User "alice" cannot get resource "nodes" in API group "" at the cluster scope',
    });
    expect(await authz.authorize(res(vera, "update", "deployments", "team", { group: "apps", subresource: "scale", name: "web" }))).toEqual({
      allowed: false,
      reason: 'User "vera" cannot update resource "deployments/scale" in API group "apps" in the namespace "team"',
    });
    expect(await authz.authorize(url(alice, "get", "/metrics"))).toEqual({ allowed: false, reason: 'User "alice" cannot get path "/metrics"' });
  });

  it("never lets view read secrets, but lets it read workloads, logs and status", async () => {
    expect(await authz.authorize(res(vera, "get", "secrets", "team", { name: "db-password" }))).toEqual({
      allowed: false,
      reason: 'User "vera" cannot get resource "secrets" in API group "" in the namespace "team"',
    });
    expect((await authz.authorize(res(vera, "list", "secrets", "team"))).allowed).toBe(false);
    for (const attrs of [
      res(vera, "list", "pods", "team"),
      res(vera, "get", "pods", "team", { subresource: "log", name: "web" }),
      res(vera, "get", "pods", "team", { subresource: "status", name: "web" }),
      res(vera, "watch", "deployments", "team", { group: "apps" }),
      res(vera, "get", "endpointslices", "team", { group: "discovery.k8s.io", name: "x" }),
      res(vera, "list", "events", "team"),
      res(vera, "get", "namespaces", "team", { name: "team" }),
    ]) {
      expect((await authz.authorize(attrs)).allowed, `${attrs.kind === "resource" ? attrs.resource : ""}`).toBe(true);
    }
    expect((await authz.authorize(res(vera, "create", "pods", "team", { subresource: "exec", name: "web" }))).allowed).toBe(false);
    // Reading namespaces through a RoleBinding means reading that one namespace, not listing them all.
    expect((await authz.authorize(res(vera, "list", "namespaces", "")))).toEqual({
      allowed: false,
      reason: 'User "vera" cannot list resource "namespaces" in API group "" at the cluster scope',
    });
  });

  it("does not let edit touch roles or rolebindings; admin may", async () => {
    expect(await authz.authorize(res(alice, "create", "roles", "alice", { group: "rbac.authorization.k8s.io" }))).toEqual({
      allowed: false,
      reason: 'User "alice" cannot create resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "alice"',
    });
    expect((await authz.authorize(res(alice, "list", "rolebindings", "alice", { group: "rbac.authorization.k8s.io" }))).allowed).toBe(false);
    expect((await authz.authorize(res(bob, "create", "roles", "bob", { group: "rbac.authorization.k8s.io" }))).allowed).toBe(true);
    expect((await authz.authorize(res(bob, "create", "localsubjectaccessreviews", "bob", { group: "authorization.k8s.io" }))).allowed).toBe(true);
    expect((await authz.authorize(res(bob, "create", "roles", "alice", { group: "rbac.authorization.k8s.io" }))).allowed).toBe(false);
  });

  it("lets edit impersonate service accounts in its namespace, as Kubernetes' edit does", async () => {
    expect((await authz.authorize(res(alice, "impersonate", "serviceaccounts", "alice", { name: "default" }))).allowed).toBe(true);
    expect((await authz.authorize(res(alice, "impersonate", "users", "", { name: "admin" }))).allowed).toBe(false);
  });

  it("lets every authenticated user discover the API and review itself, and nothing else", async () => {
    const nobody = person("nobody");
    for (const p of ["/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/openapi/v3", "/openapi/v2", "/healthz", "/livez", "/readyz"]) {
      expect((await authz.authorize(url(nobody, "get", p))).allowed, p).toBe(true);
    }
    expect((await authz.authorize(res(nobody, "create", "selfsubjectaccessreviews", "", { group: "authorization.k8s.io" }))).allowed).toBe(true);
    expect((await authz.authorize(res(nobody, "create", "selfsubjectrulesreviews", "", { group: "authorization.k8s.io" }))).allowed).toBe(true);
    expect((await authz.authorize(res(nobody, "get", "pods", "default"))).allowed).toBe(false);
    expect((await authz.authorize(url(nobody, "post", "/api"))).allowed).toBe(false);

    const anonymous: UserInfo = { username: "system:anonymous", uid: "", groups: ["system:unauthenticated"] };
    expect((await authz.authorize(url(anonymous, "get", "/version"))).allowed).toBe(true);
    expect(await authz.authorize(url(anonymous, "get", "/api"))).toEqual({ allowed: false, reason: 'User "system:anonymous" cannot get path "/api"' });
  });

  it("allows system:masters everything, whatever the bindings", async () => {
    const root: UserInfo = { username: "root", uid: "", groups: ["system:masters", "system:authenticated"] };
    const empty = createRbacAuthorizer(staticRbacSource({}));
    expect(await empty.authorize(res(root, "delete", "nodes", "", { name: "n1" }))).toEqual({ allowed: true });
    expect(await empty.authorize(url(root, "get", "/metrics"))).toEqual({ allowed: true });
    expect(await empty.check(res(root, "escalate", "clusterroles", "", { group: "rbac.authorization.k8s.io" }))).toEqual({
      decision: "Allow",
      reason: "",
    });
  });
});

describe("ServiceAccount subjects", () => {
  const authz = createRbacAuthorizer(classroom());
  const builder = serviceAccountUser("ci", "builder");

  it("binds a subject without a namespace to the binding's namespace", async () => {
    expect(await authz.authorize(res(builder, "create", "deployments", "ci", { group: "apps" }))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "builder/ci" of ClusterRole "edit" to ServiceAccount "builder/ci"',
    });
    const sameNameElsewhere = serviceAccountUser("other", "builder");
    expect(await authz.authorize(res(sameNameElsewhere, "create", "deployments", "ci", { group: "apps" }))).toEqual({
      allowed: false,
      reason: 'User "system:serviceaccount:other:builder" cannot create resource "deployments" in API group "apps" in the namespace "ci"',
    });
  });

  it("matches a namespaced subject, and the service account groups", async () => {
    const authz2 = createRbacAuthorizer(
      staticRbacSource({
        ...bootstrap,
        roleBindings: [
          roleBinding("shared", "deployer", roleRef("ClusterRole", "edit"), [serviceAccountSubject("deployer", "ci")]),
          roleBinding("shared", "all-ci", roleRef("ClusterRole", "view"), [groupSubject("system:serviceaccounts:ci")]),
        ],
        clusterRoleBindings: [
          ...bootstrap.clusterRoleBindings,
          // A ServiceAccount subject of a ClusterRoleBinding must name its namespace, or it matches no one.
          clusterRoleBinding("broken", roleRef("ClusterRole", "cluster-admin"), [serviceAccountSubject("deployer")]),
          clusterRoleBinding("every-sa", roleRef("ClusterRole", "system:heapster"), [groupSubject("system:serviceaccounts")]),
        ],
      }),
    );
    const deployer = serviceAccountUser("ci", "deployer");
    expect(await authz2.authorize(res(deployer, "create", "pods", "shared"))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "deployer/shared" of ClusterRole "edit" to ServiceAccount "deployer/ci"',
    });
    expect((await authz2.authorize(res(deployer, "delete", "nodes", "", { name: "n" }))).allowed).toBe(false);
    const other = serviceAccountUser("ci", "other");
    expect(await authz2.authorize(res(other, "list", "configmaps", "shared"))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "all-ci/shared" of ClusterRole "view" to Group "system:serviceaccounts:ci"',
    });
    expect(await authz2.authorize(res(other, "list", "nodes", ""))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "every-sa" of ClusterRole "system:heapster" to Group "system:serviceaccounts"',
    });
  });
});

describe("Roles and resolution errors", () => {
  it("resolves a Role in the binding's namespace only", async () => {
    const authz = createRbacAuthorizer(
      staticRbacSource({
        roles: [role("a", "reader", [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }])],
        roleBindings: [
          roleBinding("a", "r", roleRef("Role", "reader"), [userSubject("alice")]),
          roleBinding("b", "r", roleRef("Role", "reader"), [userSubject("alice")]),
        ],
      }),
    );
    expect((await authz.authorize(res(alice, "get", "pods", "a", { name: "p" }))).allowed).toBe(true);
    expect(await authz.authorize(res(alice, "get", "pods", "b", { name: "p" }))).toEqual({
      allowed: false,
      reason: 'User "alice" cannot get resource "pods" in API group "" in the namespace "b": RBAC: role.rbac.authorization.k8s.io "reader" not found',
    });
  });

  it("still honours the bindings it could resolve, and reports the others on denial", async () => {
    const authz = createRbacAuthorizer(
      staticRbacSource({
        clusterRoles: [clusterRole("pod-reader", [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }])],
        clusterRoleBindings: [
          clusterRoleBinding("gone-1", roleRef("ClusterRole", "gone"), [userSubject("alice")]),
          clusterRoleBinding("gone-2", roleRef("ClusterRole", "gone"), [userSubject("alice")]),
          clusterRoleBinding("other", roleRef("ClusterRole", "missing"), [userSubject("alice")]),
          clusterRoleBinding("reader", roleRef("ClusterRole", "pod-reader"), [userSubject("alice")]),
          clusterRoleBinding("not-alice", roleRef("ClusterRole", "never-looked-up"), [userSubject("bob")]),
        ],
      }),
    );
    expect((await authz.authorize(res(alice, "get", "pods", "x", { name: "p" }))).allowed).toBe(true);
    expect(await authz.authorize(res(alice, "delete", "pods", "x", { name: "p" }))).toEqual({
      allowed: false,
      reason:
        'User "alice" cannot delete resource "pods" in API group "" in the namespace "x": RBAC: ' +
        '[clusterrole.rbac.authorization.k8s.io "gone" not found, clusterrole.rbac.authorization.k8s.io "missing" not found]',
    });
  });

  it("treats a failing source as a resolution error and keeps going", async () => {
    const source: RbacSource = {
      roles: () => [],
      roleBindings: (ns) => (ns === "x" ? [roleBinding("x", "edit", roleRef("ClusterRole", "edit"), [userSubject("alice")])] : []),
      clusterRoles: () => bootstrapClusterRoles(),
      clusterRoleBindings: () => {
        throw new Error("store unavailable");
      },
    };
    const authz = createRbacAuthorizer(source);
    expect((await authz.authorize(res(alice, "create", "pods", "x"))).allowed).toBe(true);
    expect(await authz.authorize(res(alice, "create", "pods", "y"))).toEqual({
      allowed: false,
      reason: 'User "alice" cannot create resource "pods" in API group "" in the namespace "y": RBAC: store unavailable',
    });
  });
});

describe("aggregation is computed on read", () => {
  it("grants a new aggregate-to-view fragment to view, edit and admin at once, and stops when it goes", async () => {
    const fragments = [
      clusterRole("crontabs-view", [{ verbs: ["get", "list", "watch"], apiGroups: ["stable.example.com"], resources: ["crontabs"] }], {
        "rbac.authorization.k8s.io/aggregate-to-view": "true",
      }),
    ];
    let clusterRoles = bootstrapClusterRoles();
    const authz = createRbacAuthorizer({ ...classroom(), clusterRoles: () => clusterRoles });
    const listCrontabs = (user: UserInfo, ns: string) => res(user, "list", "crontabs", ns, { group: "stable.example.com" });

    expect((await authz.authorize(listCrontabs(vera, "team"))).allowed).toBe(false);
    clusterRoles = [...bootstrapClusterRoles(), ...fragments];
    expect((await authz.authorize(listCrontabs(vera, "team"))).allowed).toBe(true);
    expect((await authz.authorize(listCrontabs(alice, "alice"))).allowed).toBe(true);
    expect((await authz.authorize(listCrontabs(bob, "bob"))).allowed).toBe(true);
    expect((await authz.authorize(listCrontabs(alice, "bob"))).allowed).toBe(false);
    clusterRoles = bootstrapClusterRoles();
    expect((await authz.authorize(listCrontabs(bob, "bob"))).allowed).toBe(false);
  });
});

describe("rulesFor", () => {
  it("lists cluster-wide and namespace rules, resource and non-resource apart", async () => {
    const authz = createRbacAuthorizer(
      staticRbacSource({
        clusterRoles: [
          clusterRole("mixed", [
            { verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"] },
            { verbs: ["get"], nonResourceURLs: ["/healthz"] },
          ]),
        ],
        clusterRoleBindings: [clusterRoleBinding("mixed", roleRef("ClusterRole", "mixed"), [userSubject("alice")])],
        roles: [role("a", "r", [{ verbs: ["list"], apiGroups: ["apps"], resources: ["deployments"] }])],
        roleBindings: [
          roleBinding("a", "r", roleRef("Role", "r"), [userSubject("alice")]),
          roleBinding("a", "gone", roleRef("Role", "gone"), [userSubject("alice")]),
        ],
      }),
    );
    expect(await authz.rulesFor(alice, "a")).toEqual({
      resourceRules: [
        { verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"] },
        { verbs: ["list"], apiGroups: ["apps"], resources: ["deployments"] },
      ],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      incomplete: false,
      evaluationError: 'role.rbac.authorization.k8s.io "gone" not found',
    });
    expect(await authz.rulesFor(alice, "b")).toEqual({
      resourceRules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"] }],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      incomplete: false,
    });
  });
});

describe("forbidden messages", () => {
  it("escapes HTML and quotes like Go", async () => {
    const authz = createRbacAuthorizer(staticRbacSource({}));
    const odd = person('<b>"x"&');
    expect((await authz.authorize(url(odd, "get", "/a<b>"))).allowed).toBe(false);
    expect(await authz.authorize(url(odd, "get", "/a<b>"))).toEqual({
      allowed: false,
      reason: 'User "&lt;b&gt;\\"x\\"&amp;" cannot get path "/a&lt;b&gt;"',
    });
  });

  it("wraps a denial into the 403 Status kubectl prints", () => {
    const named = res(alice, "get", "pods", "bob", { name: "web" });
    const err = forbiddenError(named, 'User "alice" cannot get resource "pods" in API group "" in the namespace "bob"');
    expect(err.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "web" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "bob"',
      reason: "Forbidden",
      details: { name: "web", kind: "pods" },
      code: 403,
    });
    expect(forbiddenError(res(alice, "list", "deployments", "bob", { group: "apps" }), "m").message).toBe("deployments.apps is forbidden: m");
    expect(forbiddenError(res(alice, "update", "deployments", "bob", { group: "apps", subresource: "scale", name: "web" }), "m").message).toBe(
      'deployments.apps "web" is forbidden: m',
    );
    expect(forbiddenError(url(alice, "get", "/metrics"), 'User "alice" cannot get path "/metrics"').message).toBe(
      'forbidden: User "alice" cannot get path "/metrics"',
    );
  });
});

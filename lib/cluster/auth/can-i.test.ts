import { describe, expect, it } from "vitest";
import { ApiError } from "../api/status";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-roles";
import { reviewAttributes, selfSubjectAccessReview, selfSubjectRulesReview } from "./can-i";
import { createRbacAuthorizer } from "./rbac-authorizer";
import { roleBinding, roleRef, userSubject } from "./rbac-objects";
import { staticRbacSource } from "./rbac-source";
import type { UserInfo } from "./user-info";

const alice: UserInfo = { username: "alice", uid: "", groups: ["system:authenticated"] };
const root: UserInfo = { username: "root", uid: "", groups: ["system:masters", "system:authenticated"] };

const authz = createRbacAuthorizer(
  staticRbacSource({
    clusterRoles: bootstrapClusterRoles(),
    clusterRoleBindings: bootstrapClusterRoleBindings(),
    roleBindings: [
      roleBinding("alice", "edit", roleRef("ClusterRole", "edit"), [userSubject("alice")]),
      roleBinding("alice", "broken", roleRef("ClusterRole", "gone"), [userSubject("alice")]),
    ],
  }),
);

const thrown = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err.toStatus();
    throw err;
  }
  throw new Error("expected an error");
};

describe("selfSubjectAccessReview", () => {
  it("answers yes with RBAC's reason", async () => {
    expect(await selfSubjectAccessReview(authz, alice, { resourceAttributes: { namespace: "alice", verb: "create", resource: "pods" } })).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "edit/alice" of ClusterRole "edit" to User "alice"',
    });
    expect(
      await selfSubjectAccessReview(authz, alice, {
        resourceAttributes: { namespace: "alice", verb: "patch", group: "apps", resource: "deployments", subresource: "scale", name: "web" },
      }),
    ).toMatchObject({ allowed: true });
  });

  it("answers no without denying, carrying RBAC's resolution errors as the reason", async () => {
    expect(await selfSubjectAccessReview(authz, alice, { resourceAttributes: { namespace: "other", verb: "get", resource: "pods" } })).toEqual({
      allowed: false,
    });
    expect(await selfSubjectAccessReview(authz, alice, { resourceAttributes: { namespace: "alice", verb: "create", resource: "roles", group: "rbac.authorization.k8s.io" } })).toEqual({
      allowed: false,
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it("reviews non-resource paths", async () => {
    expect(await selfSubjectAccessReview(authz, alice, { nonResourceAttributes: { path: "/apis/apps/v1", verb: "get" } })).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    });
    expect(await selfSubjectAccessReview(authz, alice, { nonResourceAttributes: { path: "/metrics", verb: "get" } })).toEqual({ allowed: false });
  });

  it("says yes to system:masters with no reason, as the superuser authorizer does", async () => {
    expect(await selfSubjectAccessReview(authz, root, { resourceAttributes: { verb: "*", group: "*", resource: "*" } })).toEqual({ allowed: true });
  });

  it("asks about every version when none is given", () => {
    const attrs = reviewAttributes(alice, { resourceAttributes: { verb: "get", resource: "pods" } });
    expect(attrs).toEqual({ kind: "resource", user: alice, verb: "get", group: "", version: "*", resource: "pods", subresource: "", namespace: "", name: "" });
  });

  it("rejects a spec with neither or both kinds of attributes as Kubernetes does", async () => {
    expect(await thrown(selfSubjectAccessReview(authz, alice, {}))).toMatchObject({
      code: 422,
      reason: "Invalid",
      message:
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": ' +
        "exactly one of nonResourceAttributes or resourceAttributes must be specified",
    });
    expect(
      await thrown(selfSubjectAccessReview(authz, alice, { resourceAttributes: { verb: "get" }, nonResourceAttributes: { path: "/", verb: "get" } })),
    ).toMatchObject({ code: 422, details: { causes: [{ field: "spec.nonResourceAttributes", reason: "FieldValueInvalid" }] } });
  });
});

describe("selfSubjectRulesReview", () => {
  it("lists the rules held in the namespace and cluster-wide, with resolution errors", async () => {
    const status = await selfSubjectRulesReview(authz, alice, "alice");
    expect(status.incomplete).toBe(false);
    expect(status.evaluationError).toBe('clusterrole.rbac.authorization.k8s.io "gone" not found');
    expect(status.resourceRules).toContainEqual({
      verbs: ["create"],
      apiGroups: ["authorization.k8s.io"],
      resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
    });
    expect(status.resourceRules).toContainEqual({ verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"] });
    expect(status.nonResourceRules).toContainEqual({
      verbs: ["get"],
      nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"],
    });
    expect(status.resourceRules.some((r) => r.resources?.includes("secrets"))).toBe(true);
  });

  it("lists only cluster-wide rules for a namespace the user has no binding in", async () => {
    const status = await selfSubjectRulesReview(authz, alice, "elsewhere");
    expect(status.resourceRules.flatMap((r) => r.resources)).toEqual(["selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews"]);
    expect(status.evaluationError).toBeUndefined();
  });

  it("shows system:masters the cluster-admin rules", async () => {
    const status = await selfSubjectRulesReview(authz, root, "default");
    expect(status.resourceRules[0]).toEqual({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(status.nonResourceRules[0]).toEqual({ verbs: ["*"], nonResourceURLs: ["*"] });
  });

  it("needs a namespace", async () => {
    expect(await thrown(selfSubjectRulesReview(authz, alice, ""))).toMatchObject({ code: 400, reason: "BadRequest", message: "no namespace on request" });
  });
});

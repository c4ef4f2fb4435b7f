import type { PolicyRule } from "kubernetes-types/rbac/v1";
import { describe, expect, it } from "vitest";
import { nonResourceURLMatches, resourceMatches, ruleAllows } from "./rule-match";
import type { RequestAttributes } from "./user-info";

const user = { username: "alice", uid: "", groups: ["system:authenticated"] };

const req = (verb: string, group: string, resource: string, extra: Partial<{ subresource: string; name: string; namespace: string }> = {}): RequestAttributes => ({
  kind: "resource",
  user,
  verb,
  group,
  version: "v1",
  resource,
  subresource: extra.subresource ?? "",
  namespace: extra.namespace ?? "ns",
  name: extra.name ?? "",
});

const path = (verb: string, p: string): RequestAttributes => ({ kind: "nonResource", user, verb, path: p });

describe("wildcards", () => {
  it("matches * verbs, groups and resources", () => {
    const all: PolicyRule = { verbs: ["*"], apiGroups: ["*"], resources: ["*"] };
    expect(ruleAllows(req("delete", "apps", "deployments"), all)).toBe(true);
    expect(ruleAllows(req("get", "", "pods", { subresource: "log" }), all)).toBe(true);
    expect(ruleAllows(req("escalate", "rbac.authorization.k8s.io", "roles"), all)).toBe(true);
  });

  it("matches verbs, groups and resources exactly otherwise", () => {
    const r: PolicyRule = { verbs: ["get", "list"], apiGroups: ["apps"], resources: ["deployments"] };
    expect(ruleAllows(req("get", "apps", "deployments"), r)).toBe(true);
    expect(ruleAllows(req("watch", "apps", "deployments"), r)).toBe(false);
    expect(ruleAllows(req("get", "extensions", "deployments"), r)).toBe(false);
    expect(ruleAllows(req("get", "", "deployments"), r)).toBe(false);
    expect(ruleAllows(req("get", "apps", "replicasets"), r)).toBe(false);
    // A verb wildcard never makes a group wildcard, and "" is the core group, not "any".
    expect(ruleAllows(req("get", "apps", "deployments"), { verbs: ["*"], apiGroups: [""], resources: ["deployments"] })).toBe(false);
  });

  it("grants nothing to a resource rule without apiGroups", () => {
    expect(ruleAllows(req("get", "", "pods"), { verbs: ["get"], resources: ["pods"] })).toBe(false);
  });
});

describe("subresources", () => {
  it("needs resource/subresource spelled out, or */subresource", () => {
    const pods: PolicyRule = { verbs: ["get"], apiGroups: [""], resources: ["pods"] };
    expect(ruleAllows(req("get", "", "pods", { subresource: "log", name: "web" }), pods)).toBe(false);
    const podLog: PolicyRule = { verbs: ["get"], apiGroups: [""], resources: ["pods/log"] };
    expect(ruleAllows(req("get", "", "pods", { subresource: "log", name: "web" }), podLog)).toBe(true);
    expect(ruleAllows(req("get", "", "pods", { name: "web" }), podLog)).toBe(false);

    const anyScale: PolicyRule = { verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"] };
    expect(ruleAllows(req("update", "apps", "deployments", { subresource: "scale", name: "web" }), anyScale)).toBe(true);
    expect(ruleAllows(req("update", "apps", "statefulsets", { subresource: "scale", name: "db" }), anyScale)).toBe(true);
    expect(ruleAllows(req("update", "apps", "deployments", { subresource: "status", name: "web" }), anyScale)).toBe(false);
    expect(ruleAllows(req("update", "apps", "deployments", { name: "web" }), anyScale)).toBe(false);
  });

  it("treats pods/* as a literal, not a wildcard (as Kubernetes does)", () => {
    const podsStar: PolicyRule = { verbs: ["get"], apiGroups: [""], resources: ["pods/*"] };
    expect(ruleAllows(req("get", "", "pods", { subresource: "log", name: "web" }), podsStar)).toBe(false);
    expect(ruleAllows(req("get", "", "pods", { name: "web" }), podsStar)).toBe(false);
  });

  it("compares */sub by length and suffix, exactly as Kubernetes' ResourceMatches", () => {
    expect(resourceMatches({ verbs: [], resources: ["*/log"] }, "pods/log", "log")).toBe(true);
    expect(resourceMatches({ verbs: [], resources: ["*/og"] }, "pods/log", "log")).toBe(false);
    expect(resourceMatches({ verbs: [], resources: ["x/log"] }, "pods/log", "log")).toBe(false);
  });
});

describe("resourceNames", () => {
  const named: PolicyRule = { verbs: ["*"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"] };

  it("allows requests that name one of them", () => {
    for (const verb of ["get", "update", "patch", "delete", "watch"]) {
      expect(ruleAllows(req(verb, "", "configmaps", { name: "app-config" }), named)).toBe(true);
    }
    expect(ruleAllows(req("get", "", "configmaps", { name: "other" }), named)).toBe(false);
  });

  it("never allows requests without a name: list, watch, create, deletecollection", () => {
    for (const verb of ["list", "watch", "create", "deletecollection"]) {
      expect(ruleAllows(req(verb, "", "configmaps"), named)).toBe(false);
    }
  });

  it("does not restrict a rule without resourceNames", () => {
    const any: PolicyRule = { verbs: ["create"], apiGroups: [""], resources: ["configmaps"] };
    expect(ruleAllows(req("create", "", "configmaps"), any)).toBe(true);
  });
});

describe("non-resource URLs", () => {
  const discovery: PolicyRule = { verbs: ["get"], nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/version"] };

  it("matches exactly, or by prefix before a trailing *", () => {
    expect(ruleAllows(path("get", "/api"), discovery)).toBe(true);
    expect(ruleAllows(path("get", "/apis/apps/v1"), discovery)).toBe(true);
    expect(ruleAllows(path("get", "/apis/"), discovery)).toBe(true);
    expect(ruleAllows(path("get", "/version"), discovery)).toBe(true);
    expect(ruleAllows(path("get", "/version/"), discovery)).toBe(false);
    expect(ruleAllows(path("get", "/metrics"), discovery)).toBe(false);
    expect(ruleAllows(path("post", "/api"), discovery)).toBe(false);
  });

  it("treats a bare * as every path, and a mid-path * literally", () => {
    expect(nonResourceURLMatches({ verbs: ["get"], nonResourceURLs: ["*"] }, "/anything/at/all")).toBe(true);
    expect(nonResourceURLMatches({ verbs: ["get"], nonResourceURLs: ["/a/*/c"] }, "/a/b/c")).toBe(false);
    expect(nonResourceURLMatches({ verbs: ["get"], nonResourceURLs: ["/healthz*"] }, "/healthzzz")).toBe(true);
  });

  it("never lets a resource rule match a path, nor a URL rule a resource", () => {
    expect(ruleAllows(path("get", "/api"), { verbs: ["*"], apiGroups: ["*"], resources: ["*"] })).toBe(false);
    expect(ruleAllows(req("get", "", "pods"), { verbs: ["*"], nonResourceURLs: ["*"] })).toBe(false);
  });
});

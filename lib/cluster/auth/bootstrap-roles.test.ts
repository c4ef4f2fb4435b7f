import { describe, expect, it } from "vitest";
import { effectiveClusterRoleRules } from "./aggregation";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-roles";
import { compareGoStrings } from "./go-format";
import { covers } from "./covers";
import { rulesAllow } from "./rule-match";
import type { RequestAttributes } from "./user-info";

const roles = bootstrapClusterRoles();
const rulesOf = (name: string) => {
  const role = roles.find((r) => r.metadata?.name === name);
  if (!role) throw new Error(`no ClusterRole ${name}`);
  return effectiveClusterRoleRules(role, roles);
};

const user = { username: "u", uid: "", groups: [] };
const can = (roleName: string, verb: string, groupResource: string, name = "x") => {
  const [resourcePath, group = ""] = groupResource.split(/\.(.*)/s);
  const [resource = "", subresource = ""] = (resourcePath ?? "").split("/");
  const attrs: RequestAttributes = { kind: "resource", user, verb, group, version: "v1", resource, subresource, namespace: "ns", name };
  return rulesAllow(attrs, rulesOf(roleName));
};

describe("bootstrap ClusterRoles", () => {
  it("ships the roles Kubernetes ships, labelled and annotated, in name order", () => {
    const names = roles.map((r) => r.metadata?.name ?? "");
    expect(names).toEqual([...names].sort(compareGoStrings));
    for (const name of [
      "admin", "cluster-admin", "edit", "view", "system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view",
      "system:basic-user", "system:discovery", "system:public-info-viewer", "system:monitoring", "system:auth-delegator",
      "system:node", "system:kube-scheduler", "system:kube-controller-manager", "system:node-proxier",
    ]) {
      expect(names).toContain(name);
    }
    for (const r of roles) {
      expect(r.metadata?.labels?.["kubernetes.io/bootstrapping"]).toBe("rbac-defaults");
      expect(r.metadata?.annotations?.["rbac.authorization.kubernetes.io/autoupdate"]).toBe("true");
    }
  });

  it("writes rules as the rule builder does: sorted lists, groups on every resource rule, never both kinds", () => {
    const isSorted = (xs: readonly string[] | undefined) => (xs ?? []).every((x, i, all) => i === 0 || compareGoStrings(all[i - 1]!, x) <= 0);
    for (const r of roles) {
      for (const rule of r.rules ?? []) {
        expect(rule.verbs.length).toBeGreaterThan(0);
        for (const list of [rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]) expect(isSorted(list)).toBe(true);
        if (rule.resources?.length) {
          expect(rule.apiGroups?.length).toBeGreaterThan(0);
          expect(rule.nonResourceURLs).toBeUndefined();
        } else {
          expect(rule.nonResourceURLs?.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it("makes admin, edit and view aggregated roles with no rules of their own", () => {
    for (const [name, label] of [["admin", "admin"], ["edit", "edit"], ["view", "view"]] as const) {
      const role = roles.find((r) => r.metadata?.name === name);
      expect(role?.rules).toBeUndefined();
      expect(role?.aggregationRule?.clusterRoleSelectors).toEqual([{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${label}`]: "true" } }]);
    }
    expect(roles.find((r) => r.metadata?.name === "edit")?.metadata?.labels?.["rbac.authorization.k8s.io/aggregate-to-admin"]).toBe("true");
    expect(roles.find((r) => r.metadata?.name === "view")?.metadata?.labels?.["rbac.authorization.k8s.io/aggregate-to-edit"]).toBe("true");
  });

  it("nests view in edit in admin in cluster-admin", () => {
    expect(covers(rulesOf("edit"), rulesOf("view")).covers).toBe(true);
    expect(covers(rulesOf("admin"), rulesOf("edit")).covers).toBe(true);
    expect(covers(rulesOf("cluster-admin"), rulesOf("admin")).covers).toBe(true);
    expect(covers(rulesOf("view"), rulesOf("edit")).covers).toBe(false);
    expect(covers(rulesOf("edit"), rulesOf("admin")).covers).toBe(false);
  });

  it("lets view read workloads, config, networking, logs and status, never secrets nor exec", () => {
    for (const r of [
      "pods", "pods/log", "pods/status", "services", "endpoints", "configmaps", "persistentvolumeclaims", "replicationcontrollers",
      "serviceaccounts", "events", "namespaces", "limitranges", "resourcequotas", "deployments.apps", "deployments/scale.apps",
      "deployments/status.apps", "replicasets.apps", "statefulsets.apps", "statefulsets/scale.apps", "daemonsets.apps",
      "controllerrevisions.apps", "jobs.batch", "cronjobs.batch", "ingresses.networking.k8s.io", "networkpolicies.networking.k8s.io",
      "endpointslices.discovery.k8s.io", "horizontalpodautoscalers.autoscaling", "poddisruptionbudgets.policy",
    ]) {
      for (const verb of ["get", "list", "watch"]) expect(can("view", verb, r), `${verb} ${r}`).toBe(true);
    }
    for (const r of ["secrets", "pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "roles.rbac.authorization.k8s.io"]) {
      expect(can("view", "get", r), r).toBe(false);
    }
    for (const verb of ["create", "update", "patch", "delete", "deletecollection"]) expect(can("view", verb, "pods")).toBe(false);
  });

  it("lets edit change workloads and secrets and impersonate service accounts, but not RBAC, quotas or endpoints", () => {
    for (const r of [
      "pods", "services", "configmaps", "secrets", "persistentvolumeclaims", "serviceaccounts", "replicationcontrollers",
      "deployments.apps", "deployments/scale.apps", "statefulsets/scale.apps", "replicasets.apps", "daemonsets.apps", "jobs.batch",
      "cronjobs.batch", "ingresses.networking.k8s.io", "networkpolicies.networking.k8s.io", "horizontalpodautoscalers.autoscaling",
      "poddisruptionbudgets.policy",
    ]) {
      for (const verb of ["get", "create", "update", "patch", "delete"]) expect(can("edit", verb, r), `${verb} ${r}`).toBe(true);
    }
    for (const sub of ["exec", "attach", "portforward"]) expect(can("edit", "create", `pods/${sub}`)).toBe(true);
    expect(can("edit", "impersonate", "serviceaccounts")).toBe(true);
    expect(can("edit", "create", "serviceaccounts/token")).toBe(true);
    for (const r of ["roles.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io"]) {
      expect(can("edit", "get", r)).toBe(false);
      expect(can("edit", "create", r)).toBe(false);
    }
    expect(can("edit", "create", "localsubjectaccessreviews.authorization.k8s.io")).toBe(false);
    expect(can("edit", "update", "resourcequotas")).toBe(false);
    expect(can("edit", "update", "pods/status")).toBe(false);
    expect(can("edit", "create", "endpoints")).toBe(false);
    expect(can("edit", "impersonate", "users")).toBe(false);
    expect(can("edit", "bind", "clusterroles.rbac.authorization.k8s.io")).toBe(false);
  });

  it("adds Roles, RoleBindings and local access reviews for admin, and no escalate or bind", () => {
    for (const verb of ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]) {
      expect(can("admin", verb, "roles.rbac.authorization.k8s.io")).toBe(true);
      expect(can("admin", verb, "rolebindings.rbac.authorization.k8s.io")).toBe(true);
    }
    expect(can("admin", "create", "localsubjectaccessreviews.authorization.k8s.io")).toBe(true);
    expect(can("admin", "escalate", "roles.rbac.authorization.k8s.io")).toBe(false);
    expect(can("admin", "bind", "clusterroles.rbac.authorization.k8s.io")).toBe(false);
    expect(can("admin", "get", "clusterroles.rbac.authorization.k8s.io")).toBe(false);
  });

  it("lets kubeclass:namespace-rbac write Roles and RoleBindings but never bind or escalate", () => {
    for (const verb of ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]) {
      expect(can("kubeclass:namespace-rbac", verb, "roles.rbac.authorization.k8s.io")).toBe(true);
      expect(can("kubeclass:namespace-rbac", verb, "rolebindings.rbac.authorization.k8s.io")).toBe(true);
    }
    for (const verb of ["bind", "escalate"]) {
      expect(can("kubeclass:namespace-rbac", verb, "roles.rbac.authorization.k8s.io")).toBe(false);
      expect(can("kubeclass:namespace-rbac", verb, "clusterroles.rbac.authorization.k8s.io")).toBe(false);
    }
    expect(can("kubeclass:namespace-rbac", "create", "clusterrolebindings.rbac.authorization.k8s.io")).toBe(false);
    expect(can("kubeclass:namespace-rbac", "get", "pods")).toBe(false);
  });

  it("lets kubeclass:instructor read the cluster-scoped side of a class and nothing else", () => {
    for (const r of [
      "namespaces", "nodes", "persistentvolumes", "storageclasses.storage.k8s.io", "ingressclasses.networking.k8s.io",
      "customresourcedefinitions.apiextensions.k8s.io",
    ]) {
      for (const verb of ["get", "list", "watch"]) expect(can("kubeclass:instructor", verb, r), `${verb} ${r}`).toBe(true);
      expect(can("kubeclass:instructor", "delete", r)).toBe(false);
    }
    expect(can("kubeclass:instructor", "get", "secrets")).toBe(false);
    expect(can("kubeclass:instructor", "list", "pods")).toBe(false);
  });

  it("lets kubeclass:learner read nodes and the cluster's classes, and not namespaces, volumes or anything else", () => {
    for (const r of ["nodes", "storageclasses.storage.k8s.io", "ingressclasses.networking.k8s.io", "customresourcedefinitions.apiextensions.k8s.io"]) {
      for (const verb of ["get", "list", "watch"]) expect(can("kubeclass:learner", verb, r), `${verb} ${r}`).toBe(true);
      expect(can("kubeclass:learner", "delete", r)).toBe(false);
    }
    for (const r of ["namespaces", "persistentvolumes", "secrets", "pods"]) expect(can("kubeclass:learner", "list", r), r).toBe(false);
  });

  it("returns fresh objects on every call", () => {
    const first = bootstrapClusterRoles();
    first[0]!.metadata!.name = "changed";
    first.find((r) => r.metadata?.name === "cluster-admin")?.rules?.[0]?.verbs.push("x");
    const again = bootstrapClusterRoles();
    expect(again[0]!.metadata?.name).toBe("admin");
    expect(again.find((r) => r.metadata?.name === "cluster-admin")?.rules?.[0]?.verbs).toEqual(["*"]);
  });
});

describe("bootstrap ClusterRoleBindings", () => {
  const bindings = bootstrapClusterRoleBindings();
  const subjectsOf = (name: string) => bindings.find((b) => b.metadata?.name === name)?.subjects?.map((s) => `${s.kind}:${s.name}`);

  it("binds cluster-admin to system:masters and the self-service roles to authenticated users", () => {
    expect(subjectsOf("cluster-admin")).toEqual(["Group:system:masters"]);
    expect(subjectsOf("system:basic-user")).toEqual(["Group:system:authenticated"]);
    expect(subjectsOf("system:discovery")).toEqual(["Group:system:authenticated"]);
    expect(subjectsOf("system:public-info-viewer")).toEqual(["Group:system:authenticated", "Group:system:unauthenticated"]);
    expect(subjectsOf("system:service-account-issuer-discovery")).toEqual(["Group:system:serviceaccounts"]);
    expect(subjectsOf("system:node")).toBeUndefined();
    expect(subjectsOf("kubeclass:instructor")).toEqual(["Group:kubeclass:instructors"]);
    expect(subjectsOf("kubeclass:learner")).toEqual(["Group:kubeclass:learners"]);
  });

  it("refers each binding to the ClusterRole of its name, which exists", () => {
    const names = new Set(bootstrapClusterRoles().map((r) => r.metadata?.name));
    for (const b of bindings) {
      expect(b.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: b.metadata?.name });
      expect(names.has(b.roleRef.name)).toBe(true);
      expect(b.metadata?.labels?.["kubernetes.io/bootstrapping"]).toBe("rbac-defaults");
    }
  });
});

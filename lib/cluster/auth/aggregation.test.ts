import type { ClusterRole } from "kubernetes-types/rbac/v1";
import { describe, expect, it } from "vitest";
import { effectiveClusterRoleRules, matchesLabelSelector } from "./aggregation";
import { clusterRole } from "./rbac-objects";

const aggregated = (name: string, label: string, labels?: Record<string, string>): ClusterRole => ({
  metadata: { name, ...(labels ? { labels } : {}) },
  aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [label]: "true" } }] },
});

describe("matchesLabelSelector", () => {
  const labels = { tier: "web", env: "prod" };

  it("matches matchLabels and every matchExpressions operator", () => {
    expect(matchesLabelSelector({ matchLabels: { tier: "web" } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { tier: "db" } }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "In", values: ["prod", "qa"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "In", values: ["qa"] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "NotIn", values: ["qa"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "Exists" }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "zone", operator: "Exists" }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, undefined)).toBe(true);
  });

  it("matches everything with an empty selector and nothing with an invalid one", () => {
    expect(matchesLabelSelector({}, undefined)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "In", values: [] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "env", operator: "Near" }] }, labels)).toBe(false);
  });
});

describe("effectiveClusterRoleRules", () => {
  const pods = { verbs: ["get"], apiGroups: [""], resources: ["pods"] };
  const secrets = { verbs: ["get"], apiGroups: [""], resources: ["secrets"] };
  const roles = { verbs: ["create"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"] };

  it("returns a plain role's own rules", () => {
    expect(effectiveClusterRoleRules(clusterRole("r", [pods]), [])).toEqual([pods]);
  });

  it("gathers matching roles in name order, recursively, without duplicates, ignoring its own stored rules", () => {
    const view = { ...aggregated("view", "to-view", { "to-edit": "true" }), rules: [roles] };
    const edit = aggregated("edit", "to-edit", { "to-admin": "true" });
    const admin = aggregated("admin", "to-admin");
    const all = [
      admin,
      edit,
      view,
      clusterRole("z-view-fragment", [pods], { "to-view": "true" }),
      clusterRole("a-view-fragment", [pods, secrets], { "to-view": "true" }),
      clusterRole("edit-fragment", [secrets, roles], { "to-edit": "true" }),
      clusterRole("unrelated", [roles]),
    ];
    expect(effectiveClusterRoleRules(view, all)).toEqual([pods, secrets]);
    // edit-fragment sorts before view.
    expect(effectiveClusterRoleRules(edit, all)).toEqual([secrets, roles, pods]);
    expect(effectiveClusterRoleRules(admin, all)).toEqual([secrets, roles, pods]);
  });

  it("unions every selector's matches", () => {
    const both: ClusterRole = {
      metadata: { name: "both" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "1" } }, { matchLabels: { b: "1" } }] },
    };
    const all = [both, clusterRole("x", [pods], { a: "1" }), clusterRole("y", [secrets], { b: "1" })];
    expect(effectiveClusterRoleRules(both, all)).toEqual([pods, secrets]);
  });

  it("survives a cycle, using the stored rules of the role met again", () => {
    const a: ClusterRole = { ...aggregated("a", "to-a", { "to-b": "true" }), rules: [pods] };
    const b: ClusterRole = { ...aggregated("b", "to-b", { "to-a": "true" }), rules: [secrets] };
    expect(effectiveClusterRoleRules(a, [a, b])).toEqual([pods]);
  });
});

import type { PolicyRule } from "kubernetes-types/rbac/v1";
import { describe, expect, it } from "vitest";
import { breakdownRule, compactRules, compactString, covers, ruleCovers } from "./covers";

describe("breakdownRule", () => {
  it("splits a rule into one group/resource/verb/name atoms, and URL/verb atoms", () => {
    expect(breakdownRule({ verbs: ["get", "list"], apiGroups: ["", "apps"], resources: ["x"] })).toEqual([
      { apiGroups: [""], resources: ["x"], verbs: ["get"] },
      { apiGroups: [""], resources: ["x"], verbs: ["list"] },
      { apiGroups: ["apps"], resources: ["x"], verbs: ["get"] },
      { apiGroups: ["apps"], resources: ["x"], verbs: ["list"] },
    ]);
    expect(breakdownRule({ verbs: ["get"], apiGroups: [""], resources: ["cm"], resourceNames: ["a", "b"] })).toEqual([
      { apiGroups: [""], resources: ["cm"], verbs: ["get"], resourceNames: ["a"] },
      { apiGroups: [""], resources: ["cm"], verbs: ["get"], resourceNames: ["b"] },
    ]);
    expect(breakdownRule({ verbs: ["get", "post"], nonResourceURLs: ["/x"] })).toEqual([
      { nonResourceURLs: ["/x"], verbs: ["get"] },
      { nonResourceURLs: ["/x"], verbs: ["post"] },
    ]);
  });
});

describe("ruleCovers", () => {
  const atom = (verb: string, group: string, resource: string, name?: string): PolicyRule => ({
    verbs: [verb],
    apiGroups: [group],
    resources: [resource],
    ...(name ? { resourceNames: [name] } : {}),
  });

  it("honours * for verbs, groups and resources", () => {
    expect(ruleCovers({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, atom("escalate", "rbac.authorization.k8s.io", "roles"))).toBe(true);
    expect(ruleCovers({ verbs: ["get"], apiGroups: ["*"], resources: ["*"] }, atom("*", "", "pods"))).toBe(false);
  });

  it("covers a subresource by name or by */subresource, but not by the parent", () => {
    expect(ruleCovers({ verbs: ["get"], apiGroups: [""], resources: ["pods/log"] }, atom("get", "", "pods/log"))).toBe(true);
    expect(ruleCovers({ verbs: ["get"], apiGroups: [""], resources: ["*/log"] }, atom("get", "", "pods/log"))).toBe(true);
    expect(ruleCovers({ verbs: ["get"], apiGroups: [""], resources: ["pods"] }, atom("get", "", "pods/log"))).toBe(false);
  });

  it("lets a name-restricted holder cover only those names", () => {
    const holder: PolicyRule = { verbs: ["get"], apiGroups: [""], resources: ["cm"], resourceNames: ["a"] };
    expect(ruleCovers(holder, atom("get", "", "cm", "a"))).toBe(true);
    expect(ruleCovers(holder, atom("get", "", "cm", "b"))).toBe(false);
    expect(ruleCovers(holder, atom("get", "", "cm"))).toBe(false);
    expect(ruleCovers({ verbs: ["get"], apiGroups: [""], resources: ["cm"] }, atom("get", "", "cm", "b"))).toBe(true);
  });

  it("covers URLs exactly or by a trailing-* prefix", () => {
    expect(ruleCovers({ verbs: ["get"], nonResourceURLs: ["/apis/*"] }, { verbs: ["get"], nonResourceURLs: ["/apis/apps"] })).toBe(true);
    expect(ruleCovers({ verbs: ["get"], nonResourceURLs: ["/apis/*"] }, { verbs: ["get"], nonResourceURLs: ["*"] })).toBe(false);
    expect(ruleCovers({ verbs: ["get"], nonResourceURLs: ["*"] }, { verbs: ["get"], nonResourceURLs: ["*"] })).toBe(true);
  });
});

describe("covers", () => {
  it("reports every uncovered atom", () => {
    const owner: PolicyRule[] = [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }];
    const result = covers(owner, [{ verbs: ["get", "delete"], apiGroups: [""], resources: ["pods", "nodes"] }]);
    expect(result.covers).toBe(false);
    expect(result.missing).toEqual([
      { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
      { apiGroups: [""], resources: ["nodes"], verbs: ["get"] },
      { apiGroups: [""], resources: ["nodes"], verbs: ["delete"] },
    ]);
    expect(covers(owner, [{ verbs: ["list"], apiGroups: [""], resources: ["pods"] }])).toEqual({ covers: true, missing: [] });
  });

  it("accepts atoms covered by different held rules", () => {
    const owner: PolicyRule[] = [
      { verbs: ["get"], apiGroups: [""], resources: ["pods"] },
      { verbs: ["list"], apiGroups: [""], resources: ["pods"] },
    ];
    expect(covers(owner, [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }]).covers).toBe(true);
  });
});

describe("compaction and wording", () => {
  it("merges atoms that differ only by verb, keeping other rules as they are", () => {
    const compacted = compactRules([
      { apiGroups: [""], resources: ["nodes"], verbs: ["get"] },
      { apiGroups: [""], resources: ["nodes"], verbs: ["list"] },
      { nonResourceURLs: ["/metrics"], verbs: ["get"] },
      { apiGroups: [""], resources: ["cm"], resourceNames: ["a"], verbs: ["get"] },
      { apiGroups: [""], resources: ["cm"], resourceNames: ["a"], verbs: ["update"] },
      { apiGroups: [""], resources: ["cm"], verbs: ["get"] },
    ]);
    expect(compacted).toEqual([
      { nonResourceURLs: ["/metrics"], verbs: ["get"] },
      { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["cm"], resourceNames: ["a"], verbs: ["get", "update"] },
      { apiGroups: [""], resources: ["cm"], verbs: ["get"] },
    ]);
  });

  it("prints rules as CompactString does", () => {
    expect(compactString({ apiGroups: [""], resources: ["nodes"], verbs: ["get"] })).toBe('{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}');
    expect(compactString({ nonResourceURLs: ["*"], verbs: ["*"] })).toBe('{NonResourceURLs:["*"], Verbs:["*"]}');
    expect(compactString({ apiGroups: [""], resources: ["cm"], resourceNames: ["a"], verbs: ["get", "update"] })).toBe(
      '{APIGroups:[""], Resources:["cm"], ResourceNames:["a"], Verbs:["get" "update"]}',
    );
  });
});

import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { ClusterRole, PolicyRule } from "kubernetes-types/rbac/v1";
import { compareGoStrings } from "./go-format";

/**
 * Aggregated ClusterRoles, computed on read. Kubernetes' clusterrole-aggregation controller writes into an
 * aggregated role the rules of every other ClusterRole matched by any of its `clusterRoleSelectors` (each
 * selector's matches taken in name order, duplicate rules dropped). Computing the same thing whenever a role is
 * read means a new or changed fragment role takes effect immediately, with no controller to wait for.
 */

/** metav1.LabelSelectorAsSelector + Matches. An empty selector matches everything; an invalid one nothing. */
export function matchesLabelSelector(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
        if (values.length === 0 || !present || !values.includes(have[req.key]!)) return false;
        break;
      case "NotIn":
        if (values.length === 0) return false;
        if (present && values.includes(have[req.key]!)) return false;
        break;
      case "Exists":
        if (values.length > 0 || !present) return false;
        break;
      case "DoesNotExist":
        if (values.length > 0 || present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** equality.Semantic.DeepEqual on PolicyRules: a missing list equals an empty one. */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  );
}

const hasAggregationRule = (role: ClusterRole) => role.aggregationRule !== undefined && role.aggregationRule !== null;

/**
 * The rules a ClusterRole grants: its own `rules`, or for an aggregated role the union of what the roles its
 * selectors match grant (recursively, as the controller's repeated passes would converge to). A role met again
 * while its own rules are being computed (a cycle) contributes its stored rules, as the controller would.
 */
export function effectiveClusterRoleRules(
  role: ClusterRole,
  all: readonly ClusterRole[],
  memo: Map<string, PolicyRule[]> = new Map(),
  inProgress: Set<string> = new Set(),
): PolicyRule[] {
  if (!hasAggregationRule(role)) return role.rules ?? [];
  const name = role.metadata?.name ?? "";
  const cached = memo.get(name);
  if (cached) return cached;
  if (inProgress.has(name)) return role.rules ?? [];
  inProgress.add(name);

  const byName = [...all].sort((a, b) => compareGoStrings(a.metadata?.name ?? "", b.metadata?.name ?? ""));
  const rules: PolicyRule[] = [];
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    for (const candidate of byName) {
      if ((candidate.metadata?.name ?? "") === name) continue;
      if (!matchesLabelSelector(selector, candidate.metadata?.labels)) continue;
      for (const rule of effectiveClusterRoleRules(candidate, all, memo, inProgress)) {
        if (!rules.some((r) => sameRule(r, rule))) rules.push(rule);
      }
    }
  }
  inProgress.delete(name);
  memo.set(name, rules);
  return rules;
}

import type { PolicyRule } from "kubernetes-types/rbac/v1";
import type { RequestAttributes } from "./user-info";

// Whether one PolicyRule allows a request, with Kubernetes' exact matching rules (pkg/apis/rbac/v1 helpers and
// the RBAC authorizer's RuleAllows). Notably: `*` is the only wildcard for verbs, groups and resources; a
// resource entry `*/scale` matches the `scale` subresource of anything, while `pods/*` is no wildcard at all;
// resourceNames only ever match requests that carry that exact name (so never list, watch, deletecollection or
// create); a non-resource URL ending in `*` matches by prefix.

export const verbAll = "*";
export const apiGroupAll = "*";
export const resourceAll = "*";
export const nonResourceAll = "*";

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === verbAll || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === apiGroupAll || g === group);
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === resourceAll || r === combined) return true;
    if (subresource === "") continue;
    if (r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === nonResourceAll || url === path) return true;
    if (url.endsWith("*") && path.startsWith(trimRightStars(url))) return true;
  }
  return false;
}

/** Go's strings.TrimRight(s, "*"). */
export function trimRightStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === "*") end--;
  return s.slice(0, end);
}

export function ruleAllows(attrs: RequestAttributes, rule: PolicyRule): boolean {
  if (attrs.kind === "resource") {
    const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.group) &&
      resourceMatches(rule, combined, attrs.subresource) &&
      resourceNameMatches(rule, attrs.name)
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
}

export const rulesAllow = (attrs: RequestAttributes, rules: readonly PolicyRule[]) =>
  rules.some((rule) => ruleAllows(attrs, rule));

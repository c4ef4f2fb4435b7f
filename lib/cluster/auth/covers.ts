import type { PolicyRule } from "kubernetes-types/rbac/v1";
import { goQuoteList } from "./go-format";
import { apiGroupAll, resourceAll, trimRightStars, verbAll } from "./rule-match";

/**
 * Whether one set of rules grants at least everything another does, as Kubernetes' escalation check decides it
 * (component-helpers/auth/rbac/validation Covers, and pkg/registry/rbac/validation CompactRules): the granted
 * rules are broken down into atoms of one group, resource, verb and name (or one URL and verb), and each atom
 * must be covered by a single held rule.
 */

const has = (set: readonly string[] | undefined, x: string) => (set ?? []).includes(x);
const hasAll = (set: readonly string[] | undefined, xs: readonly string[] | undefined) =>
  (xs ?? []).every((x) => has(set, x));

/** BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const atoms: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length > 0) {
          for (const name of names) atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else {
          atoms.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) atoms.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return atoms;
}

function resourceCoversAll(owned: readonly string[] | undefined, wanted: readonly string[] | undefined): boolean {
  if (has(owned, resourceAll) || hasAll(owned, wanted)) return true;
  for (const path of wanted ?? []) {
    if (has(owned, path)) continue;
    const slash = path.indexOf("/");
    if (slash < 0) return false;
    if (!has(owned, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

const nonResourceURLCovers = (owner: string, sub: string) =>
  owner === sub || (owner.endsWith("*") && sub.startsWith(trimRightStars(owner)));

const nonResourceURLsCoverAll = (owned: readonly string[] | undefined, wanted: readonly string[] | undefined) =>
  (wanted ?? []).every((path) => (owned ?? []).some((owner) => nonResourceURLCovers(owner, path)));

/** ruleCovers: does one held rule cover one atom? */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, verbAll) || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, apiGroupAll) || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = nonResourceURLsCoverAll(owner.nonResourceURLs, sub.nonResourceURLs);
  const ownerNames = owner.resourceNames ?? [];
  const names =
    (sub.resourceNames ?? []).length === 0
      ? ownerNames.length === 0
      : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** Covers: whether `owner` grants everything `servant` does, and the atoms it does not. */
export function covers(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): { covers: boolean; missing: PolicyRule[] } {
  const missing = servant.flatMap(breakdownRule).filter((atom) => !owner.some((o) => ruleCovers(o, atom)));
  return { covers: missing.length === 0, missing };
}

const isSimple = (r: PolicyRule) =>
  (r.resourceNames ?? []).length <= 1 &&
  (r.nonResourceURLs ?? []).length === 0 &&
  (r.apiGroups ?? []).length === 1 &&
  (r.resources ?? []).length === 1;

/** CompactRules: atoms that differ only by verb are merged into one rule. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    if (!isSimple(rule)) {
      compacted.push(rule);
      continue;
    }
    const names = rule.resourceNames ?? [];
    const key = JSON.stringify([rule.apiGroups?.[0], rule.resources?.[0], names.length > 0, names[0] ?? ""]);
    const existing = simple.get(key);
    if (!existing) {
      simple.set(key, { ...rule, verbs: [...rule.verbs] });
      continue;
    }
    for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  return [...compacted, ...simple.values()];
}

/** CompactString: `{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}`. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoteList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoteList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoteList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoteList(r.resourceNames)}`);
  if (r.verbs.length) parts.push(`Verbs:${goQuoteList(r.verbs)}`);
  return `{${parts.join(", ")}}`;
}

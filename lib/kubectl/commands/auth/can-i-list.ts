import type { CommandContext } from "../../command";
import { TabWriter } from "../../printers/tab-writer";

type Rule = { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] };
type RulesStatus = {
  resourceRules?: Partial<Rule>[];
  nonResourceRules?: Partial<Rule>[];
  incomplete?: boolean;
  evaluationError?: string;
};

/**
 * `kubectl auth can-i --list`: the caller's rules in the namespace from a SelfSubjectRulesReview, broken down to
 * one verb/resource/name each, merged back per resource and sorted as kubectl's rbac util does (CompactRules,
 * SortableRuleSlice), under the headers Resources, Non-Resource URLs, Resource Names, Verbs.
 */
export async function listAllowedActions(ctx: CommandContext): Promise<number> {
  const review = (await ctx.client.create("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectRulesReview",
    metadata: {},
    spec: { namespace: ctx.flags.bool("all-namespaces") ? "" : ctx.namespace },
  })) as { status?: RulesStatus };
  const status = review.status ?? {};
  if (status.incomplete) ctx.err(`warning: the list may be incomplete: ${status.evaluationError ?? ""}\n`);
  const rules = [...(status.resourceRules ?? []), ...(status.nonResourceRules ?? [])].map(normalise);
  const writer = new TabWriter();
  if (!ctx.flags.bool("no-headers")) writer.row(["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]);
  for (const r of sortRules(compactRules(rules.flatMap(breakdownRule)))) {
    writer.row([combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  }
  ctx.out(writer.flush());
  return 0;
}

const normalise = (r: Partial<Rule>): Rule => ({
  verbs: r.verbs ?? [],
  apiGroups: r.apiGroups ?? [],
  resources: r.resources ?? [],
  resourceNames: r.resourceNames ?? [],
  nonResourceURLs: r.nonResourceURLs ?? [],
});

const rule = (fields: Partial<Rule>): Rule => normalise(fields);

/** rbacutil.BreakdownRule: one rule per group × resource × verb (× name), and per non-resource URL × verb. */
export function breakdownRule(r: Rule): Rule[] {
  const out: Rule[] = [];
  for (const group of r.apiGroups) {
    for (const resource of r.resources) {
      for (const verb of r.verbs) {
        const base = { apiGroups: [group], resources: [resource], verbs: [verb] };
        if (r.resourceNames.length > 0) for (const name of r.resourceNames) out.push(rule({ ...base, resourceNames: [name] }));
        else out.push(rule(base));
      }
    }
  }
  for (const url of r.nonResourceURLs) for (const verb of r.verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/** rbacutil.CompactRules: rules naming one group, one resource and at most one name are merged, verbs appended. */
export function compactRules(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    if (!existing) simple.set(key, { ...r, verbs: [...r.verbs] });
    else for (const verb of r.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  return [...compacted, ...simple.values()];
}

/** rbacutil.SortableRuleSlice: ordered by the rule's generated String() (verbs first, then groups, resources …). */
function sortRules(rules: Rule[]): Rule[] {
  const text = (r: Rule) =>
    `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
  // strings.Compare: byte order, which for these ASCII strings is the code unit order.
  return rules.map((r) => ({ r, key: text(r) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ r }) => r);
}

/** describe.CombineResourceGroup: `deployments.apps`, `pods/log`, `deployments.apps/scale`. */
function combineResourceGroup(resources: string[], groups: string[]): string {
  const [first] = resources;
  if (first === undefined) return "";
  const [name, sub] = first.split(/\/(.*)/s);
  const group = groups[0] ? `.${groups[0]}` : "";
  return `${name}${group}${sub !== undefined ? `/${sub}` : ""}`;
}

/** Go's %v of a []string. */
const goList = (items: string[]) => `[${items.join(" ")}]`;

import type { PolicyRule } from "kubernetes-types/rbac/v1";
import { denialMessage } from "./forbidden";
import { aggregateMessage } from "./go-format";
import { RuleResolver, describeRuleSource, type RbacSource } from "./rbac-source";
import { ResolvedRulesCache } from "./resolved-rules-cache";
import { ruleAllows } from "./rule-match";
import { systemMasters } from "./subjects";
import type { Decision, RequestAttributes, UserInfo } from "./user-info";

/** authorizer.Authorize's answer. RBAC only ever allows or has no opinion; it never denies outright. */
export type AuthorizerResult = { decision: "Allow" | "NoOpinion"; reason: string };

/** authorization.k8s.io/v1 ResourceRule / NonResourceRule, as SelfSubjectRulesReview returns them. */
export type ResourceRule = { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] };
export type NonResourceRule = { verbs: string[]; nonResourceURLs?: string[] };
export type SubjectRulesReviewStatus = {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
};

export interface RbacAuthorizer {
  readonly source: RbacSource;
  /** Kubernetes' authorizer chain for kubeclass: the `system:masters` superuser group, then RBAC. */
  check(attrs: RequestAttributes): Promise<AuthorizerResult>;
  /** `check` as a Decision; a denial carries the exact Forbidden message body. */
  authorize(attrs: RequestAttributes): Promise<Decision>;
  /** The effective rules of a user in a namespace (cluster-wide ones included), as RBAC's RulesFor. */
  rulesFor(user: UserInfo, namespace: string): Promise<SubjectRulesReviewStatus>;
}

/** RBACAuthorizer.Authorize: the first applying rule that allows the request wins. */
export async function rbacCheck(resolver: Pick<RuleResolver, "visitRulesFor">, attrs: RequestAttributes): Promise<AuthorizerResult> {
  let allowedBy: string | undefined;
  const errors: string[] = [];
  const namespace = attrs.kind === "resource" ? attrs.namespace : "";
  await resolver.visitRulesFor(attrs.user, namespace, (v) => {
    if ("error" in v) {
      errors.push(v.error);
      return true;
    }
    if (!ruleAllows(attrs, v.rule)) return true;
    allowedBy = describeRuleSource(v.source);
    return false;
  });
  if (allowedBy !== undefined) return { decision: "Allow", reason: `RBAC: allowed by ${allowedBy}` };
  return { decision: "NoOpinion", reason: errors.length > 0 ? `RBAC: ${aggregateMessage(errors)}` : "" };
}

function toRuleInfos(rules: readonly PolicyRule[]) {
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const r of rules) {
    if ((r.resources ?? []).length > 0) {
      resourceRules.push({
        verbs: [...r.verbs],
        ...(r.apiGroups?.length ? { apiGroups: [...r.apiGroups] } : {}),
        ...(r.resources?.length ? { resources: [...r.resources] } : {}),
        ...(r.resourceNames?.length ? { resourceNames: [...r.resourceNames] } : {}),
      });
    }
    if ((r.nonResourceURLs ?? []).length > 0) {
      nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...(r.nonResourceURLs ?? [])] });
    }
  }
  return { resourceRules, nonResourceRules };
}

export function createRbacAuthorizer(source: RbacSource): RbacAuthorizer {
  const resolved = new ResolvedRulesCache(source);
  const check = async (attrs: RequestAttributes): Promise<AuthorizerResult> => {
    // The API server's privileged-group authorizer runs before RBAC and allows system:masters everything.
    if (attrs.user.groups.includes(systemMasters)) return { decision: "Allow", reason: "" };
    return rbacCheck(resolved, attrs);
  };

  return {
    source,
    check,
    async authorize(attrs) {
      const result = await check(attrs);
      if (result.decision === "Allow") return result.reason ? { allowed: true, reason: result.reason } : { allowed: true };
      return { allowed: false, reason: denialMessage(attrs, result.reason) };
    },
    async rulesFor(user, namespace) {
      const { rules, errors } = await new RuleResolver(source).rulesFor(user, namespace);
      return {
        ...toRuleInfos(rules),
        incomplete: false,
        ...(errors.length > 0 ? { evaluationError: aggregateMessage(errors) } : {}),
      };
    },
  };
}

import { selfSubjectAccessReview, selfSubjectRulesReview } from "../auth/can-i";
import type { RbacAuthorizer } from "../auth/rbac-authorizer";
import type { UserInfo } from "../auth/user-info";
import type { ResourceType } from "./resources/resource-type";
import { badRequest } from "./status";

/**
 * SelfSubjectAccessReview and SelfSubjectRulesReview: questions about the caller's own permissions (`kubectl auth
 * can-i`, `can-i --list`). Answered, never stored.
 */
export async function answerReview(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  type: ResourceType,
  body: unknown,
): Promise<unknown> {
  const review = (typeof body === "object" && body !== null ? body : {}) as { spec?: Record<string, unknown>; metadata?: unknown };
  const spec = review.spec ?? {};
  const base = { apiVersion: "authorization.k8s.io/v1", kind: type.kind, metadata: { creationTimestamp: null }, spec };
  if (type.kind === "SelfSubjectAccessReview") {
    return { ...base, status: await selfSubjectAccessReview(authorizer, user, spec) };
  }
  if (type.kind === "SelfSubjectRulesReview") {
    const namespace = typeof spec.namespace === "string" ? spec.namespace : undefined;
    return { ...base, status: await selfSubjectRulesReview(authorizer, user, namespace) };
  }
  throw badRequest(`${type.kind} is not supported`);
}

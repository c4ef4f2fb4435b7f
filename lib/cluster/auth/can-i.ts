import { badRequest, invalid } from "../api/status";
import type { RbacAuthorizer, SubjectRulesReviewStatus } from "./rbac-authorizer";
import type { RequestAttributes, UserInfo } from "./user-info";

/**
 * SelfSubjectAccessReview and SelfSubjectRulesReview (authorization.k8s.io/v1), what `kubectl auth can-i` and
 * `kubectl auth can-i --list` ask: answered for the requesting user by the same authorizer that guards requests.
 */

export type ResourceAttributes = {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
};
export type NonResourceAttributes = { path?: string; verb?: string };
export type SelfSubjectAccessReviewSpec = {
  resourceAttributes?: ResourceAttributes | null;
  nonResourceAttributes?: NonResourceAttributes | null;
};
export type SubjectAccessReviewStatus = { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string };

const present = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/** ValidateSelfSubjectAccessReview: exactly one kind of attributes. Throws the 422 Invalid Status. */
function validate(spec: SelfSubjectAccessReviewSpec): void {
  const fail = (field: string, detail: string) => {
    throw invalid("SelfSubjectAccessReview", "authorization.k8s.io", "", [
      { reason: "FieldValueInvalid", field, message: `Invalid value: ${detail}` },
    ]);
  };
  if (present(spec.resourceAttributes) && present(spec.nonResourceAttributes)) {
    fail("spec.nonResourceAttributes", `"object": cannot be specified in combination with resourceAttributes`);
  }
  if (!present(spec.resourceAttributes) && !present(spec.nonResourceAttributes)) {
    fail("spec.resourceAttributes", `"null": exactly one of nonResourceAttributes or resourceAttributes must be specified`);
  }
}

/** The attributes a review asks about (authorizationutil.ResourceAttributesFrom: no version means every version). */
export function reviewAttributes(user: UserInfo, spec: SelfSubjectAccessReviewSpec): RequestAttributes {
  validate(spec);
  const r = spec.resourceAttributes;
  if (present(r)) {
    return {
      kind: "resource",
      user,
      verb: r.verb ?? "",
      group: r.group ?? "",
      version: r.version ? r.version : "*",
      resource: r.resource ?? "",
      subresource: r.subresource ?? "",
      namespace: r.namespace ?? "",
      name: r.name ?? "",
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return { kind: "nonResource", user, verb: n.verb ?? "", path: n.path ?? "" };
}

export async function selfSubjectAccessReview(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  spec: SelfSubjectAccessReviewSpec,
): Promise<SubjectAccessReviewStatus> {
  const result = await authorizer.check(reviewAttributes(user, spec));
  // RBAC never denies outright, so `denied` (omitted when false) stays unset.
  return { allowed: result.decision === "Allow", ...(result.reason ? { reason: result.reason } : {}) };
}

/** Every rule the user holds in `namespace`, cluster-wide ones included. A namespace is required. */
export async function selfSubjectRulesReview(
  authorizer: RbacAuthorizer,
  user: UserInfo,
  namespace: string | undefined,
): Promise<SubjectRulesReviewStatus> {
  if (!namespace) throw badRequest("no namespace on request");
  return authorizer.rulesFor(user, namespace);
}

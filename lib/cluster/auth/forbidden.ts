import { ApiError } from "../api/status";
import { goQuote } from "./go-format";
import type { RequestAttributes } from "./user-info";

// The API server escapes these so an error body can never read as HTML; quotes are fine.
const sanitize = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Kubernetes' forbiddenMessage (apiserver/pkg/endpoints/handlers/responsewriters): what the user was refused.
 * `User "alice" cannot list resource "pods" in API group "" in the namespace "bob"`,
 * `User "alice" cannot get resource "nodes" in API group "" at the cluster scope`,
 * `User "alice" cannot get path "/metrics"`.
 */
export function forbiddenMessage(attrs: RequestAttributes): string {
  const user = goQuote(attrs.user.username);
  if (attrs.kind === "nonResource") {
    return sanitize(`User ${user} cannot ${attrs.verb} path ${goQuote(attrs.path)}`);
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `User ${user} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.group)}`;
  return sanitize(attrs.namespace ? `${what} in the namespace ${goQuote(attrs.namespace)}` : `${what} at the cluster scope`);
}

/** The message a denial carries: forbiddenMessage, then the authorizer's reason (e.g. RBAC resolution errors). */
export const denialMessage = (attrs: RequestAttributes, authorizerReason: string) =>
  authorizerReason ? `${forbiddenMessage(attrs)}: ${authorizerReason}` : forbiddenMessage(attrs);

/**
 * The 403 Status for a denied request, as apierrors.NewForbidden words it:
 * `pods "web" is forbidden: User ...`, `pods is forbidden: User ...` (no name), `forbidden: User ... path ...`.
 * `message` is the Decision's reason.
 */
export function forbiddenError(attrs: RequestAttributes, message: string): ApiError {
  if (attrs.kind === "nonResource") return new ApiError(403, "Forbidden", `forbidden: ${message}`, {});
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const subject = attrs.name ? `${qualified} ${goQuote(attrs.name)}` : qualified;
  return new ApiError(403, "Forbidden", `${subject} is forbidden: ${message}`, {
    ...(attrs.name ? { name: attrs.name } : {}),
    ...(attrs.group ? { group: attrs.group } : {}),
    kind: attrs.resource,
  });
}

import type { Decision, RequestAttributes } from "../auth/user-info";
import { ExpiredError } from "../store/errors";
import type { ApiRequest, ApiResponse } from "./api-request";
import { serveNonResource, type NonResourceDeps } from "./non-resource-routes";
import { parseRequestInfo } from "./request-info";
import { serveResource, type ResourceRouteDeps } from "./resource-routes";
import { forbiddenError } from "../auth/forbidden";
import { impersonatedUser } from "../auth/impersonation";
import { ApiError, internalError } from "./status";

export type AuditRecord = {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  path: string;
  code: number;
  latencyMs: number;
  /** A refused request's Status message (RBAC denial, quota, validation), for the instructor's timeline. */
  message?: string;
};

export type ServeDeps = ResourceRouteDeps &
  NonResourceDeps & {
    authorize: (attributes: RequestAttributes) => Promise<Decision>;
    audit?: (record: AuditRecord) => void;
    /** Monotonic milliseconds for latency; injected so the core reads no clock of its own. */
    elapsedMs: () => number;
    /** For errors no client caused: logged with detail, answered with a generic 500. */
    onInternalError?: (error: unknown, request: ApiRequest) => void;
  };

/** One API request through authorisation, routing and the store, answered with an object or a Status. */
export async function serveRequest(deps: ServeDeps, request: ApiRequest): Promise<ApiResponse> {
  const started = deps.elapsedMs();
  const info = parseRequestInfo(request.method, request.path, request.query);
  let response: ApiResponse;
  try {
    // The audit keeps naming who sent the request; everything else sees whom they impersonate.
    const served = request.impersonate ? { ...request, user: await impersonatedUser(request.user, request.impersonate, deps.authorize) } : request;
    const attributes: RequestAttributes = { ...info, user: served.user };
    const decision = await deps.authorize(attributes);
    if (!decision.allowed) throw forbiddenError(attributes, decision.reason);
    response = info.kind === "resource" ? await serveResource(deps, served, info) : await serveNonResource(deps, served, info.path);
  } catch (error) {
    response = errorResponse(error, request, deps);
  }
  deps.audit?.({
    user: request.user.username,
    verb: info.verb,
    group: info.kind === "resource" ? info.group : "",
    resource: info.kind === "resource" ? info.resource : "",
    subresource: info.kind === "resource" ? info.subresource : "",
    namespace: info.kind === "resource" ? info.namespace : "",
    name: info.kind === "resource" ? info.name || createdName(info.verb, response) : "",
    path: request.path,
    code: response.status,
    latencyMs: Math.round(deps.elapsedMs() - started),
    ...refusalMessage(response),
  });
  return response;
}

function refusalMessage(response: ApiResponse): { message?: string } {
  if (response.status < 400 || response.kind !== "json") return {};
  const message = (response.body as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? { message } : {};
}

/** A create names its object in the body, not the URL; the audit names it as kube-apiserver's does (incl. generateName). */
function createdName(verb: string, response: ApiResponse): string {
  if (verb !== "create" || response.kind !== "json" || response.status >= 300) return "";
  const name = (response.body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
  return typeof name === "string" ? name : "";
}

export function errorResponse(error: unknown, request: ApiRequest, deps: Pick<ServeDeps, "onInternalError">): ApiResponse {
  if (error instanceof ApiError) {
    const retry = error.details?.retryAfterSeconds;
    return {
      kind: "json",
      status: error.code,
      body: error.toStatus(),
      ...(retry !== undefined ? { headers: { "retry-after": String(retry) } } : {}),
    };
  }
  if (error instanceof ExpiredError) return errorResponse(new ApiError(410, "Expired", error.message), request, deps);
  deps.onInternalError?.(error, request);
  return { kind: "json", status: 500, body: internalError("the server could not complete the request").toStatus() };
}

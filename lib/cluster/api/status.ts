/**
 * Kubernetes `metav1.Status` failures. Every error a client can cause becomes one of these, with the reason,
 * code and wording a real API server uses, so kubectl prints the message users would see on a real cluster.
 */
export type StatusCause = { reason?: string; message: string; field?: string };

export type StatusDetails = {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
};

export type Status = {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
};

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toStatus(): Status {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** What an error is about: `deployments.apps` and the object's name, as Kubernetes words it. */
export type Subject = { group: string; resource: string; name?: string };

const qualified = (s: Subject) => (s.group ? `${s.resource}.${s.group}` : s.resource);
const detailsOf = (s: Subject): StatusDetails => ({
  ...(s.name !== undefined ? { name: s.name } : {}),
  ...(s.group ? { group: s.group } : {}),
  kind: s.resource,
});

export const notFound = (s: Subject) =>
  new ApiError(404, "NotFound", `${qualified(s)} "${s.name ?? ""}" not found`, detailsOf(s));

export const alreadyExists = (s: Subject) =>
  new ApiError(409, "AlreadyExists", `${qualified(s)} "${s.name ?? ""}" already exists`, detailsOf(s));

export const conflict = (s: Subject) =>
  new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualified(s)} "${s.name ?? ""}": the object has been modified; ` +
      "please apply your changes to the latest version and try again",
    detailsOf(s),
  );

/** 422: `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): ApiError {
  const kindGroup = group ? `${kind}.${group}` : kind;
  const summary = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const message =
    summary.length === 1 ? `${kindGroup} "${name}" is invalid: ${summary[0]}` : `${kindGroup} "${name}" is invalid: [${summary.join(", ")}]`;
  return new ApiError(422, "Invalid", message, { name, ...(group ? { group } : {}), kind, causes });
}

export const badRequest = (message: string) => new ApiError(400, "BadRequest", message);

export const unauthorized = () => new ApiError(401, "Unauthorized", "Unauthorized");

export const forbidden = (message: string, s?: Subject) =>
  new ApiError(403, "Forbidden", message, s ? detailsOf(s) : undefined);

export const methodNotSupported = (s: Subject, verb: string) =>
  new ApiError(405, "MethodNotAllowed", `${verb} is not supported on resources of kind "${qualified(s)}"`, detailsOf(s));

/** An HTTP method the API has no verb for (OPTIONS, TRACE, …), in Kubernetes' words. */
export const methodNotAllowed = (s: Subject) =>
  new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", detailsOf(s));

export const notAcceptable = (accept: string) =>
  new ApiError(406, "NotAcceptable", `the server was unable to respond with a content type that the client supports (${accept})`);

export const unsupportedMediaType = (accepted: string[]) =>
  new ApiError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );

export const requestEntityTooLarge = (limit: string) =>
  new ApiError(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`);

export const expired = (message: string) => new ApiError(410, "Expired", message);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds });

export const pathNotFound = () => new ApiError(404, "NotFound", "the server could not find the requested resource");

export const internalError = (message: string) =>
  new ApiError(500, "InternalError", `Internal error occurred: ${message}`);

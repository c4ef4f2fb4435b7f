import { ZodError } from "zod";
import { logger } from "../logger";
import { PlatformError } from "../platform-errors";

const log = logger("web");

/** The body every refusal and mistake gets: one sentence for the person. */
export type ErrorBody = { error: string };

export function jsonError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message } satisfies ErrorBody, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * A browser sends Origin on every cross-origin POST/PUT/PATCH/DELETE. Session cookies are SameSite=Lax already;
 * refusing a foreign Origin as well closes the gap for older browsers and same-site subdomains.
 */
function crossOrigin(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Wraps a route handler so every failure becomes a status and a sentence: not signed in → 401, a platform refusal
 * or mistake → its own status, malformed input → 400 naming the field, anything else → 500 without details (they
 * go to the log, never to the user).
 */
export function jsonRoute<C>(handler: (request: Request, context: C) => Promise<Response>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    if (crossOrigin(request)) return jsonError(403, "This request came from another site and was refused.");
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof Error && error.name === "Unauthenticated") return jsonError(401, "Sign in first.");
      if (error instanceof PlatformError) {
        const retry = "retryAfterSeconds" in error && typeof error.retryAfterSeconds === "number" ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
        return jsonError(error.status, error.message, retry);
      }
      if (error instanceof ZodError) {
        const issue = error.issues[0];
        const field = issue?.path.join(".");
        return jsonError(400, field ? `${field}: ${issue?.message ?? "invalid"}` : (issue?.message ?? "The request is not valid."));
      }
      if (error instanceof SyntaxError) return jsonError(400, "The request body is not valid JSON.");
      log.error({ err: error, method: request.method, url: request.url }, "route failed");
      return jsonError(500, "Something went wrong on our side. It has been logged; please try again.");
    }
  };
}

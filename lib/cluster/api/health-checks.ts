import type { ApiResponse } from "./api-request";
import { pathNotFound } from "./status";

/** One named check; it throws (or rejects) when what it checks is down. */
export type HealthCheck = { name: string; check: () => Promise<void> };

export type HealthEndpoint = "healthz" | "livez" | "readyz";

/** The checks behind each of Kubernetes' health endpoints. */
export type HealthChecks = Record<HealthEndpoint, HealthCheck[]>;

export const isHealthEndpoint = (name: string | undefined): name is HealthEndpoint =>
  name === "healthz" || name === "livez" || name === "readyz";

/** Always passes: the server is answering (Kubernetes' `ping`). */
export const pingCheck: HealthCheck = { name: "ping", check: () => Promise.resolve() };

const text = (status: number, body: string): ApiResponse => ({ kind: "text", status, body, contentType: "text/plain; charset=utf-8" });

/**
 * GET /healthz, /livez, /readyz (and /<endpoint>/<check>) as kube-apiserver answers them: `ok`, or with
 * `?verbose` one `[+]name ok` line per check and `<endpoint> check passed`; `?exclude=name` skips a check. Any
 * failure is a 500 listing every check, the failing ones as `[-]name failed: reason withheld` (these endpoints
 * are public, so the reason is not given).
 */
export async function serveHealth(checks: HealthCheck[], endpoint: HealthEndpoint, rest: string[], query: URLSearchParams): Promise<ApiResponse> {
  if (rest.length > 0) return serveOneCheck(checks, rest.join("/"));
  const excluded = new Set(query.getAll("exclude"));
  const results = await Promise.all(
    checks.map(async (c) => {
      if (excluded.delete(c.name)) return `[+]${c.name} excluded: ok`;
      return (await passes(c)) ? `[+]${c.name} ok` : `[-]${c.name} failed: reason withheld`;
    }),
  );
  const lines = results.map((line) => `${line}\n`).join("");
  const warning =
    excluded.size > 0 ? `warn: some health checks cannot be excluded: no matches for ${[...excluded].sort().map((n) => JSON.stringify(n)).join(",")}\n` : "";
  if (results.some((line) => line.startsWith("[-]"))) return text(500, `${lines}${warning}${endpoint} check failed\n`);
  if (!query.has("verbose")) return text(200, "ok");
  return text(200, `${lines}${warning}${endpoint} check passed\n`);
}

async function serveOneCheck(checks: HealthCheck[], name: string): Promise<ApiResponse> {
  const check = checks.find((c) => c.name === name);
  if (!check) throw pathNotFound();
  try {
    await check.check();
    return text(200, "ok");
  } catch (error) {
    return text(500, `internal server error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

async function passes(check: HealthCheck): Promise<boolean> {
  try {
    await check.check();
    return true;
  } catch {
    return false;
  }
}

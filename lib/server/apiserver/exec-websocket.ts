import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { ApiRequest, ApiResponse } from "@/lib/cluster/api/api-request";
import type { Admission } from "@/lib/cluster/api/rate-limit/request-limiter";
import type { ExecSnapshot } from "@/lib/cluster/api/rest/pod-exec";
import { ApiError, pathNotFound, tooManyRequests, unauthorized } from "@/lib/cluster/api/status";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import { runExecSession } from "./exec-session";
import { parseTarget } from "./http-adapter";

// `kubectl exec` over WebSocket (the channel.k8s.io subprotocols kubectl ≥ 1.30 speaks). The request is
// authenticated and authorised exactly like any other (`create` on pods/exec through the serve path), then the
// connection is upgraded and the simulated container's shell answers on the stdout/stderr/status channels.

export type ExecUpgradeDeps = {
  authenticate: (authorization: string | undefined) => Promise<UserInfo | undefined>;
  serve: (request: ApiRequest) => Promise<ApiResponse>;
  onInternalError: (error: unknown) => void;
  /** Per-user rate limits, as for every other request: an exec costs one request when it starts. */
  admit?: (user: UserInfo) => Admission;
  /** Wall-clock milliseconds, for `date` in the container. */
  now: () => number;
};

/** Subprotocols in preference order; v5 adds the stdin-close signal. */
const subprotocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];
const execPath = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/exec$/;

export function createExecUpgradeHandler(deps: ExecUpgradeDeps) {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => subprotocols.find((p) => offered.has(p)) ?? false,
  });
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    void upgrade(deps, wss, req, socket, head).catch((error: unknown) => {
      deps.onInternalError(error);
      socket.destroy();
    });
  };
}

async function upgrade(deps: ExecUpgradeDeps, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const target = parseTarget(req.url ?? "/");
  if (!target || !execPath.test(target.path)) return refuse(socket, pathNotFound());
  const user = await deps.authenticate(req.headers.authorization);
  if (!user) return refuse(socket, unauthorized());
  const admission = deps.admit?.(user);
  if (admission && !admission.allowed) return refuse(socket, tooManyRequests(admission.retryAfterSeconds));
  const abort = new AbortController();
  socket.once("close", () => abort.abort());
  const response = await deps.serve({
    user,
    // A WebSocket upgrade is a GET; Kubernetes authorises exec as `create` either way.
    method: "POST",
    path: target.path,
    query: target.query,
    accept: "application/json",
    contentType: "",
    ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
    signal: abort.signal,
    upgraded: true,
  });
  if (response.kind !== "json" || response.status !== 200) return writeResponse(socket, response);
  if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket") {
    // SPDY (kubectl before 1.30, or kubectl's fallback after a failed WebSocket attempt) is not implemented. It
    // is refused only after the checks above, so the fallback still shows the real error (no such container…).
    return refuse(socket, new ApiError(400, "BadRequest", `unable to upgrade connection: ${req.headers.upgrade ?? ""} streaming is not supported by this cluster; use kubectl 1.30 or newer (WebSocket exec)`));
  }
  const snapshot = response.body as ExecSnapshot;
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => runExecSession(ws, snapshot, deps.now));
}

function refuse(socket: Duplex, error: ApiError): void {
  const retry = error.details?.retryAfterSeconds;
  writeResponse(socket, { kind: "json", status: error.code, body: error.toStatus(), ...(retry !== undefined ? { headers: { "Retry-After": String(retry) } } : {}) });
}

function writeResponse(socket: Duplex, response: ApiResponse): void {
  const body = response.kind === "json" ? JSON.stringify(response.body) : response.kind === "watch" ? "" : Buffer.from(response.body).toString();
  const reason = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests" }[response.status] ?? "Error";
  const extra = response.kind === "json" ? Object.entries(response.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join("") : "";
  socket.end(`HTTP/1.1 ${response.status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`);
}

import type { Impersonation } from "../auth/impersonation";
import type { UserInfo } from "../auth/user-info";

/**
 * A request to the cluster API, independent of transport: the HTTPS server builds one from each HTTP request
 * after authenticating it; the in-process client (terminal, lab checker, controllers) builds one directly.
 * Both go through the same authorise → admit → store path.
 */
export type ApiRequest = {
  user: UserInfo;
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string;
  contentType: string;
  /** The client's User-Agent; names the field manager of writes that do not give one. */
  userAgent?: string;
  /** Raw body bytes; decoded by the operation that needs them (JSON, YAML, patch formats). */
  body?: Uint8Array;
  /** Aborts long-running requests (watches) when the client goes away. */
  signal: AbortSignal;
  /** Impersonate-* headers: the request is served as that identity if `user` may impersonate it. */
  impersonate?: Impersonation;
  /** Set only by the exec stream adapter, after a WebSocket upgrade: pods/exec answers only such requests. */
  upgraded?: boolean;
};

export type ApiResponse =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "text"; status: number; body: string; contentType: string }
  | { kind: "bytes"; status: number; body: Uint8Array; contentType: string }
  | { kind: "watch"; status: 200; events: AsyncIterable<unknown> };

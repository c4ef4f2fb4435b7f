import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest, ApiResponse } from "@/lib/cluster/api/api-request";
import type { Admission } from "@/lib/cluster/api/rate-limit/request-limiter";
import { internalError, pathNotFound, requestEntityTooLarge, tooManyRequests, unauthorized } from "@/lib/cluster/api/status";
import type { Impersonation } from "@/lib/cluster/auth/impersonation";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import { anonymousFor } from "../auth/anonymous";

/** Kubernetes' limit for a request body (etcd's object size limit plus headroom). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type HttpAdapterDeps = {
  authenticate: (authorization: string | undefined) => Promise<UserInfo | undefined>;
  serve: (request: ApiRequest) => Promise<ApiResponse>;
  onInternalError: (error: unknown) => void;
  /** Per-user rate limits (rate-limit/request-limiter.ts); without it nobody is limited. */
  admit?: (user: UserInfo) => Admission;
  /** How long a refusal is held before it is sent, at most its Retry-After (see refuseTooMany); 1 s by default. */
  refusalHoldMs?: number;
  /** How often an idle watch sends a newline so proxies do not cut it. */
  keepAliveMs?: number;
};

/**
 * HTTP ⇄ ApiRequest: reads and bounds the body, authenticates the bearer token, hands the request to the
 * transport-free core, and writes the answer (JSON, text, or a chunked watch stream).
 */
export function createHttpHandler(deps: HttpAdapterDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(deps, req, res).catch((error: unknown) => {
      deps.onInternalError(error);
      if (!res.headersSent) writeJson(res, 500, internalError("the server could not complete the request").toStatus());
      else res.destroy();
    });
  };
}

async function handle(deps: HttpAdapterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = parseTarget(req.url ?? "/");
  if (!target) {
    writeJson(res, 404, pathNotFound().toStatus());
    req.resume();
    return;
  }
  // No credentials at all: the public health and version endpoints still answer, as system:anonymous.
  const user = (await deps.authenticate(req.headers.authorization)) ?? anonymousFor(req.headers.authorization, target.path);
  if (!user) {
    writeJson(res, 401, unauthorized().toStatus());
    req.resume();
    return;
  }
  // Refused before the body is parsed or the store is touched.
  const admission = deps.admit?.(user);
  if (admission && !admission.allowed) {
    refuseTooMany(res, admission.retryAfterSeconds, deps.refusalHoldMs ?? 1000);
    req.resume();
    return;
  }
  const body = await readBody(req);
  if (body === "too-large") {
    writeJson(res, 413, requestEntityTooLarge(String(MAX_BODY_BYTES)).toStatus());
    return;
  }
  const abort = new AbortController();
  // Only a client that leaves early needs aborting; building the abort reason costs time on every request.
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const response = await deps.serve({
    user,
    method: req.method ?? "GET",
    path: target.path,
    query: target.query,
    accept: req.headers.accept ?? "",
    contentType: req.headers["content-type"] ?? "",
    ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
    ...(body.length > 0 ? { body } : {}),
    ...impersonationOf(req),
    signal: abort.signal,
  });
  await writeResponse(res, req.method ?? "GET", response, abort.signal, deps.keepAliveMs ?? 30_000);
}

/** The Impersonate-* headers (kubectl --as, --as-group, --as-uid), each repeatable header kept as a list. */
function impersonationOf(req: IncomingMessage): { impersonate?: Impersonation } {
  const headers = req.headersDistinct;
  const user = headers["impersonate-user"]?.[0];
  const groups = headers["impersonate-group"] ?? [];
  const uid = headers["impersonate-uid"]?.[0];
  const extra: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    // Extra keys travel percent-encoded in the header name, as kubectl sends them.
    if (name.startsWith("impersonate-extra-") && values) extra[safeDecode(name.slice("impersonate-extra-".length))] = values;
  }
  if (user === undefined && groups.length === 0 && uid === undefined && Object.keys(extra).length === 0) return {};
  return { impersonate: { ...(user !== undefined ? { user } : {}), ...(uid !== undefined ? { uid } : {}), groups, extra } };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The request target as a path and a query. Parsed by hand: `new URL` would read `//host/...` as an authority.
 * Each segment is percent-decoded, as Go's net/url does for the API server; NUL bytes are refused.
 */
export function parseTarget(raw: string): { path: string; query: URLSearchParams } | undefined {
  const q = raw.indexOf("?");
  const rawPath = q >= 0 ? raw.slice(0, q) : raw;
  try {
    const path = rawPath.split("/").map((segment) => decodeURIComponent(segment)).join("/");
    if (path.includes("\u0000") || !path.startsWith("/")) return undefined;
    return { path, query: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : "") };
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Uint8Array | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      resolve("too-large");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        req.removeAllListeners("data");
        req.resume();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function writeResponse(
  res: ServerResponse,
  method: string,
  response: ApiResponse,
  signal: AbortSignal,
  keepAliveMs: number,
): Promise<void> {
  switch (response.kind) {
    case "json":
      writeJson(res, response.status, response.body, response.headers);
      return;
    case "text":
    case "bytes":
      res.writeHead(response.status, { "content-type": response.contentType, "cache-control": "no-cache, private" });
      res.end(response.body);
      return;
    case "watch":
      // A HEAD gets the headers a watch would have, and nothing that keeps the connection busy.
      if (method === "HEAD") {
        res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private" });
        res.end();
        return;
      }
      await streamWatch(res, response.events, signal, keepAliveMs);
  }
}

/** The wire form of each shared watch event: watch-events.ts gives every watcher of a change the same frozen one. */
const encodedEvents = new WeakMap<object, Buffer>();

/** One watch event as a line of JSON, serialised once however many watchers it goes to. */
function encodeEvent(event: unknown): Buffer {
  const shared = typeof event === "object" && event !== null && Object.isFrozen(event);
  const known = shared ? encodedEvents.get(event) : undefined;
  if (known) return known;
  const bytes = Buffer.from(`${JSON.stringify(event)}\n`);
  if (shared) encodedEvents.set(event, bytes);
  return bytes;
}

/**
 * Streams a watch, one event per write. Events that arrive together (a change-feed fetch delivers a burst in one
 * go) are written in the same tick, and Node corks those writes into one writev, which TLS sends as one record:
 * a watcher's queued events already leave together. (Gathering them explicitly, across a setImmediate, measured
 * costlier than it saved.)
 */
async function streamWatch(res: ServerResponse, events: AsyncIterable<unknown>, signal: AbortSignal, keepAliveMs: number): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private", "transfer-encoding": "chunked" });
  res.flushHeaders();
  const keepAlive = setInterval(() => res.write("\n"), keepAliveMs);
  try {
    for (;;) {
      const result = await iterator.next();
      if (result.done || signal.aborted) break;
      if (!res.write(encodeEvent(result.value))) {
        // Whichever comes first removes the other listener: a long watch waits on drain many times.
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.once("drain", done);
          res.once("close", done);
        });
      }
    }
  } finally {
    clearInterval(keepAlive);
    await iterator.return?.();
    res.end();
  }
}

/** Refusals held at once, in this process; past it they go out at once (bounds the timers a flood can create). */
const MAX_HELD_REFUSALS = 10_000;
let heldRefusals = 0;

/**
 * Sends a 429 after holding it up to its Retry-After, as kube-apiserver's priority and fairness queues excess
 * requests before refusing them. A script that ignores Retry-After and resends at once is slowed to one request
 * per connection per hold; answered at once, the same script measured ~6,000 refusals/s on one learner's token,
 * ~100 µs of server CPU each (TLS, HTTP parsing, the write), enough to hurt everyone else's latency. A client that
 * honours Retry-After just waits the hold longer; its budget refills meanwhile, so its throughput is unchanged.
 */
function refuseTooMany(res: ServerResponse, retryAfterSeconds: number, holdMs: number): void {
  // Each hold is drawn from its upper half: otherwise a flooder's connections, all refused together, come back
  // together once a second, and what the refilled budget admits lands as one burst on everyone else's requests
  // (measured: B's p99 3.2× with a fixed hold).
  const hold = Math.min(holdMs, retryAfterSeconds * 1000) * (0.5 + Math.random() / 2);
  if (hold <= 0 || heldRefusals >= MAX_HELD_REFUSALS) {
    writeTooManyRequests(res, retryAfterSeconds);
    return;
  }
  heldRefusals++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldRefusals--;
    clearTimeout(timer);
    res.off("close", release);
  };
  const timer = setTimeout(() => {
    release();
    writeTooManyRequests(res, retryAfterSeconds);
  }, hold);
  // The client gave up, or the server is closing: nothing to send.
  res.on("close", release);
}

/** The 429 bodies by Retry-After: a flood gets the same few answers, encoded once. */
const refusals = new Map<number, Buffer>();

/** 429 as kube-apiserver refuses a request over its limits, with a Status body clients can read. */
function writeTooManyRequests(res: ServerResponse, retryAfterSeconds: number): void {
  let body = refusals.get(retryAfterSeconds);
  if (!body) {
    body = Buffer.from(JSON.stringify(tooManyRequests(retryAfterSeconds).toStatus()));
    if (retryAfterSeconds <= 60) refusals.set(retryAfterSeconds, body);
  }
  res.writeHead(429, {
    "content-type": "application/json",
    "cache-control": "no-cache, private",
    "content-length": body.length,
    "retry-after": String(retryAfterSeconds),
  });
  res.end(body);
}

function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-cache, private",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

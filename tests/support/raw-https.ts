import type { ClientRequest, IncomingHttpHeaders } from "node:http";
import { Agent, request } from "node:https";

export type RawRequest = {
  method: string;
  /** Path and query, sent as is (no normalisation, no encoding). */
  path: string;
  /** Bearer token; omitted → no Authorization header. */
  token?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole exchange, body included, must end within this. */
  timeoutMs?: number;
};

export type RawResponse = {
  kind: "response";
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Set when the body stream broke after the headers (connection reset, truncated chunked stream). */
  streamError?: string;
  ms: number;
};

/** No HTTP answer at all: connection refused/reset before a status line, or the client timeout hit. */
export type RawFailure = { kind: "failure"; error: string; ms: number };

export type RawClient = {
  send(req: RawRequest): Promise<RawResponse | RawFailure>;
  close(): void;
};

/**
 * A bare HTTPS client for the test API server: exact bytes in, exact status, headers and body out. It never
 * throws for what the server does, so callers can assert on (and report) every kind of misbehaviour.
 */
export function rawClient(server: { url: string; caPem: string }, options: { maxSockets?: number } = {}): RawClient {
  const base = new URL(server.url);
  const agent = new Agent({ ca: server.caPem, keepAlive: true, maxSockets: options.maxSockets ?? 16 });
  return {
    send: (req) => send(agent, base, req),
    close: () => agent.destroy(),
  };
}

async function send(agent: Agent, base: URL, req: RawRequest): Promise<RawResponse | RawFailure> {
  const first = await attempt(agent, base, req);
  // A keep-alive socket the server closed just as it was reused fails at once with ECONNRESET; every HTTP
  // client retries that case on a fresh connection, and it says nothing about the server.
  if (first.kind === "failure" && first.reusedSocket && /ECONNRESET|socket hang up/.test(first.error)) return attempt(agent, base, req);
  return first;
}

/** Where a request was when it failed: tells a server that never answered from a client that never sent. */
type Phase = "queued for a socket" | "sending the request" | "waiting for the response";

function attempt(agent: Agent, base: URL, req: RawRequest): Promise<(RawResponse | RawFailure) & { reusedSocket?: boolean }> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = req.timeoutMs ?? 30_000;
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let phase: Phase = "queued for a socket";
    // Once the status line is in, every later error belongs to the response (a broken stream), not the request.
    let finishResponse: ((brokenBy?: string) => void) | undefined;
    const settle = (result: (RawResponse | RawFailure) & { reusedSocket?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
    const body = typeof req.body === "string" ? Buffer.from(req.body) : req.body;
    if (body !== undefined) headers["content-length"] = body.length;

    let outgoing: ClientRequest;
    try {
      outgoing = request({ agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers }, (res) => {
        const chunks: Buffer[] = [];
        const finish = (brokenBy?: string) => {
          const streamError = timedOut ? `client timeout after ${timeoutMs}ms` : brokenBy;
          settle({
            kind: "response",
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
            ...(streamError !== undefined ? { streamError } : {}),
            ms: elapsed(),
          });
        };
        finishResponse = finish;
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => finish());
        res.on("error", (error) => finish(error.message));
        res.on("close", () => finish(res.complete ? undefined : "connection closed before the response completed"));
      });
    } catch (error) {
      // Node refuses to send some requests at all (e.g. an invalid header): not the server's doing.
      resolve({ kind: "failure", error: `client refused to send: ${error instanceof Error ? error.message : String(error)}`, ms: 0 });
      return;
    }
    outgoing.on("socket", () => (phase = "sending the request"));
    outgoing.on("finish", () => (phase = "waiting for the response"));
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new Error(`client timeout after ${timeoutMs}ms`));
    }, timeoutMs);
    outgoing.on("error", (error) => {
      if (finishResponse) finishResponse(error.message);
      else {
        const what = timedOut ? `client timeout after ${timeoutMs}ms` : error.message;
        settle({ kind: "failure", error: `${what} (${phase})`, ms: elapsed(), reusedSocket: outgoing.reusedSocket });
      }
    });
    outgoing.end(body);
  });
}

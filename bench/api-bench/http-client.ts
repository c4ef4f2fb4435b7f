import { Agent, request } from "node:https";

export type Reply = { status: number; text: string };

/** Keep-alive HTTPS to the API server, one socket per concurrent client, trusting only the server's CA. */
export function keepAliveAgent(caPem: string, sockets: number): Agent {
  return new Agent({ ca: caPem, keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** One request with a bearer token; resolves with the status and body whatever the status. */
export function send(agent: Agent, base: URL, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(payload === undefined
            ? {}
            : { "content-type": method === "PATCH" ? "application/merge-patch+json" : "application/json", "content-length": Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** `send`, but anything other than 2xx throws with the status and the start of the body. */
export async function sendOk(agent: Agent, base: URL, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const reply = await send(agent, base, token, method, path, body);
  if (reply.status < 200 || reply.status > 299) throw new Error(`${method} ${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
  return reply;
}

import { request, type Agent } from "node:https";

export type WatchEvent = { type: string; object: { metadata?: { name?: string; deletionTimestamp?: string }; status?: Record<string, unknown> } };

/**
 * A Kubernetes watch over keep-alive HTTPS: calls `onEvent` for each event line until `onEvent` returns true (then
 * resolves) or the stream ends/fails (then rejects). `abort()` ends it early.
 */
export function watchUntil(agent: Agent, base: URL, token: string, path: string, onEvent: (event: WatchEvent) => boolean): { done: Promise<void>; abort(): void } {
  let abort = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, method: "GET", path, headers: { authorization: `Bearer ${token}`, accept: "application/json" } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`watch ${path} → ${res.statusCode}`));
          res.resume();
          return;
        }
        let buffered = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffered += chunk;
          let newline: number;
          while ((newline = buffered.indexOf("\n")) >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (line.trim() === "") continue;
            if (onEvent(JSON.parse(line) as WatchEvent)) {
              resolve();
              req.destroy();
              return;
            }
          }
        });
        res.on("end", () => reject(new Error(`watch ${path} ended`)));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    abort = () => {
      req.destroy();
      resolve();
    };
    req.end();
  });
  return { done, abort: () => abort() };
}

/** True when a pod's (or node's) Ready condition is True. */
export function isReady(object: WatchEvent["object"]): boolean {
  const conditions = (object.status?.conditions ?? []) as { type?: string; status?: string }[];
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

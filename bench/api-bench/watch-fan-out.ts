import { Agent, request, type Agent as HttpsAgent } from "node:https";
import type { ClientRequest } from "node:http";
import { keepAliveAgent, sendOk } from "./http-client";
import type { WatchResult } from "./protocol";
import { percentile, Samples } from "./stats";

export type FanOutOptions = {
  base: URL;
  caPem: string;
  token: string;
  namespace: string;
  watchers: number;
  writers: number;
  seconds: number;
};

const MARK = '"sentAt":"';
const DRAIN_MS = 10_000;

/**
 * `watchers` watch streams on one namespace, then `writers` loops that each create an object and update it,
 * as fast as the server answers, for `seconds`. Every object carries the moment (this process's monotonic
 * clock) its write was sent, so each delivered event yields a write-to-delivery latency.
 */
export async function watchFanOut(options: FanOutOptions): Promise<WatchResult> {
  const { base, caPem, token, namespace } = options;
  const writeAgent = keepAliveAgent(caPem, options.writers);
  const watchAgent = new Agent({ ca: caPem, keepAlive: false, maxSockets: options.watchers });
  const collection = `/api/v1/namespaces/${namespace}/configmaps`;
  const latencies = new Samples();
  const delivered = new Array<number>(options.watchers).fill(0);
  let lastDelivery = 0;
  let endedEarly = 0;
  let closing = false;
  let firstError: string | undefined;

  const listed = await sendOk(writeAgent, base, token, "GET", collection);
  const from = (JSON.parse(listed.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;

  const streams: ClientRequest[] = [];
  const onEvent = (watcher: number, line: string) => {
    const at = line.indexOf(MARK);
    if (at < 0) {
      if (line.includes('"ERROR"')) firstError ??= `watch ERROR event: ${line.slice(0, 200)}`;
      return;
    }
    const start = at + MARK.length;
    const sentAt = Number(line.slice(start, line.indexOf('"', start)));
    const now = performance.now();
    latencies.push(now - sentAt);
    delivered[watcher] = (delivered[watcher] ?? 0) + 1;
    lastDelivery = now;
  };
  const opened = Array.from({ length: options.watchers }, (_, watcher) =>
    openWatch(watchAgent, base, token, `${collection}?watch=true&resourceVersion=${from}`, streams, {
      line: (line) => onEvent(watcher, line),
      ended: () => {
        if (!closing) endedEarly++;
      },
    }),
  );
  await Promise.all(opened);
  // Let every stream subscribe to the change feed before the first write.
  await new Promise((resolve) => setTimeout(resolve, 500));

  let writes = 0;
  let writeErrors = 0;
  const writeStart = performance.now();
  const writeEnd = writeStart + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      for (let i = 0; performance.now() < writeEnd; i++) {
        const name = `w${writer}-${i}`;
        try {
          const created = await sendOk(writeAgent, base, token, "POST", collection, {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name, labels: { app: "bench" } },
            data: { sentAt: performance.now().toFixed(3) },
          });
          writes++;
          const object = JSON.parse(created.text) as { metadata: Record<string, unknown> };
          await sendOk(writeAgent, base, token, "PUT", `${collection}/${name}`, {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: object.metadata,
            data: { sentAt: performance.now().toFixed(3) },
          });
          writes++;
        } catch (error) {
          writeErrors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const writesDone = performance.now();

  // Wait until every watcher has seen every write (or give up after DRAIN_MS).
  while (performance.now() - writesDone < DRAIN_MS && delivered.some((n) => n < writes) && endedEarly < options.watchers) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  closing = true;
  for (const stream of streams) stream.destroy();
  watchAgent.destroy();
  writeAgent.destroy();

  const total = delivered.reduce((a, b) => a + b, 0);
  const values = latencies.values();
  return {
    watchers: options.watchers,
    writes,
    writesPerSecond: writes / ((writesDone - writeStart) / 1000),
    expected: writes * options.watchers,
    delivered: total,
    eventsPerSecond: total / ((Math.max(lastDelivery, writesDone) - writeStart) / 1000),
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: percentile(values, 100),
    endedEarly,
    writeErrors,
    ...(firstError !== undefined ? { firstError } : {}),
  };
}

/** Opens one watch; resolves once the 200 and its headers arrived, then feeds each line to `on.line`. */
function openWatch(
  agent: HttpsAgent,
  base: URL,
  token: string,
  path: string,
  streams: ClientRequest[],
  on: { line: (line: string) => void; ended: () => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, path, headers: { authorization: `Bearer ${token}`, accept: "application/json" } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`watch ${path} → ${res.statusCode}`));
          res.resume();
          return;
        }
        resolve();
        let rest = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const lines = (rest + chunk).split("\n");
          rest = lines.pop() ?? "";
          for (const line of lines) if (line.length > 0) on.line(line);
        });
        res.on("close", on.ended);
        res.on("error", () => undefined);
      },
    );
    req.on("error", reject);
    streams.push(req);
    req.end();
  });
}

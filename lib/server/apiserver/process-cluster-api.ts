import type { ClusterApi } from "./cluster-api";

/**
 * The ClusterApi this process serves, for platform code that calls the cluster in-process (classroom provisioning,
 * the lab checker). server.ts starts the API server; Next.js route handlers run in the same process but load their
 * own copy of every module, so the value lives on globalThis under a registry symbol both copies see.
 */
type Slot = { api?: ClusterApi; waiting: ((api: ClusterApi) => void)[] };

const key = Symbol.for("kubeclass.processClusterApi");

function slot(): Slot {
  const holder = globalThis as typeof globalThis & { [key]?: Slot };
  holder[key] ??= { waiting: [] };
  return holder[key];
}

/** Called once the API server has created its ClusterApi (start-api-server.ts). */
export function setProcessClusterApi(api: ClusterApi): void {
  const s = slot();
  s.api = api;
  for (const resolve of s.waiting.splice(0)) resolve(api);
}

/**
 * The process's ClusterApi, waiting for the API server to start if it has not yet (a request can arrive while it
 * boots). Fails after `timeoutMs`: a process without an API server would otherwise hang its requests forever.
 */
export function processClusterApi(timeoutMs = 30_000): Promise<ClusterApi> {
  const s = slot();
  if (s.api) return Promise.resolve(s.api);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.waiting = s.waiting.filter((w) => w !== done);
      reject(new Error("The cluster API has not started in this process."));
    }, timeoutMs);
    timer.unref();
    const done = (api: ClusterApi) => {
      clearTimeout(timer);
      resolve(api);
    };
    s.waiting.push(done);
  });
}

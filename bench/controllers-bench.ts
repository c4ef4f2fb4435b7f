/**
 * The controllers end to end: API server (in this process, as bench/api-bench.ts does) + a real worker process
 * (SIMULATION=instant: realism delays at zero) running every controller over BullMQ and Redis.
 *
 *   npm run bench:controllers -- [--runs 3] [--replicas 100] [--seconds 20] [--concurrency 8] [--backlog 200]
 *                                   [--profile DIR]
 *
 * `npm run bench:controllers` runs it bundled, as production runs the worker (bench/run-bundled.mjs); under tsx
 * (`npx tsx bench/controllers-bench.ts`) the same code costs the worker about 1.5× the CPU.
 *
 * (a) rollout: creates a Deployment of --replicas and times, by watching it, until status.availableReplicas
 *     reaches that number; the median of --runs (the namespace is deleted, and gone, between runs).
 * (b) sustained: creates bare pods (--concurrency creators, at most --backlog created but not yet Ready) for
 *     --seconds, watching pods reach Ready through scheduler + kubelet and deleting each once Ready (so the
 *     nodes' pod limit does not cap it); pods/s Ready over the window, and how many were behind at its end.
 * Per phase: CPU of this process (API server + the bench's own client), the worker, Postgres, and the busiest
 * other processes (someone else's tests); for (b) also CPU ms per Ready pod (worker, Postgres) and the Postgres
 * transactions, row writes per table and Redis commands per Ready pod. --profile DIR runs the worker with
 * `node --cpu-prof` into DIR.
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { startTestApiServer } from "../tests/support/api-server";
import { startControllerWorker } from "../tests/support/controller-worker";
import { cpuShares, cpuSnapshot, type CpuSnapshot } from "./api-bench/cpu-sampler";
import { keepAliveAgent, send, sendOk } from "./api-bench/http-client";
import { machineFacts } from "./api-bench/machine-facts";
import { trafficPerPod, trafficSnapshot } from "./controllers-bench/traffic";
import { isReady, watchUntil } from "./controllers-bench/watch-stream";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    replicas: { type: "string", default: "100" },
    seconds: { type: "string", default: "20" },
    concurrency: { type: "string", default: "8" },
    backlog: { type: "string", default: "200" },
    profile: { type: "string" },
  },
});
const runs = Number(values.runs);
const replicas = Number(values.replicas);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const backlog = Number(values.backlog);

const server = await startTestApiServer();
const admin = await server.user("bench-admin@kubeclass.local", "ADMIN");
const profileArgs = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
const worker = startControllerWorker(server.databaseUrl, { LOG_LEVEL: "error" }, profileArgs);
const workerExited = new Promise<never>((_, reject) =>
  worker.process.child.once("exit", (code) => reject(new Error(`worker exited (${code}):\n${worker.process.output()}`))),
);
workerExited.catch(() => undefined);
const agent = keepAliveAgent(server.caPem, 64);
const base = new URL(server.url);
const api = (method: string, path: string, body?: unknown) => sendOk(agent, base, admin.token, method, path, body);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU shares over a phase; the worker's own time is read from /proc like everyone else's. */
function cpu(before: CpuSnapshot, after: CpuSnapshot): string {
  const pid = worker.process.child.pid ?? -1;
  const workerMs = (after.processes.get(pid)?.ms ?? 0) - (before.processes.get(pid)?.ms ?? 0);
  const s = cpuShares(before, after, { pid, cpuMs: workerMs });
  return `api+bench ${s.server.toFixed(0)}%, worker ${s.client.toFixed(0)}%, postgres ${s.postgres.toFixed(0)}%, machine ${s.machine.toFixed(0)}%; others: ${s.others.join(", ") || "none"}`;
}

/** CPU ms per Ready pod of the worker and of Postgres (all its processes) over a phase. */
function cpuPerPod(before: CpuSnapshot, after: CpuSnapshot, pods: number): string {
  const pid = worker.process.child.pid ?? -1;
  const used = (p: number) => (after.processes.get(p)?.ms ?? 0) - (before.processes.get(p)?.ms ?? 0);
  let postgres = 0;
  for (const [p, { comm }] of after.processes) if (comm === "postgres") postgres += used(p);
  const per = (ms: number) => (ms / Math.max(pods, 1)).toFixed(1);
  return `worker ${per(used(pid))} ms, postgres ${per(postgres)} ms`;
}

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function deleteNamespace(ns: string): Promise<void> {
  await api("DELETE", `/api/v1/namespaces/${ns}`);
  for (let i = 0; i < 600; i++) {
    if ((await send(agent, base, admin.token, "GET", `/api/v1/namespaces/${ns}`)).status === 404) return;
    await sleep(100);
  }
  throw new Error(`namespace ${ns} still there after 60 s`);
}

async function waitForNodes(count: number): Promise<void> {
  const ready = new Set<string>();
  await watchUntil(agent, base, admin.token, "/api/v1/nodes?watch=1", (event) => {
    const name = event.object.metadata?.name ?? "";
    if (event.type !== "DELETED" && isReady(event.object)) ready.add(name);
    else ready.delete(name);
    return ready.size >= count;
  }).done;
}

async function rolloutRun(run: number): Promise<{ seconds: number; cpu: string }> {
  const ns = `bench-rollout-${run}`;
  await api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const watch = watchUntil(agent, base, admin.token, `/apis/apps/v1/namespaces/${ns}/deployments?watch=1`, (event) => event.object.status?.availableReplicas === replicas);
  const before = cpuSnapshot();
  await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
  });
  await Promise.race([watch.done, sleep(120_000).then(() => Promise.reject(new Error("deployment not available within 120 s")))]);
  const after = cpuSnapshot();
  const result = { seconds: (after.at - before.at) / 1000, cpu: cpu(before, after) };
  await deleteNamespace(ns);
  return result;
}

async function sustained(): Promise<string> {
  const ns = "bench-sustained";
  await api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const readyAt = new Map<string, number>();
  // Each pod is deleted once Ready (churn, as a real cluster has), so the 4 nodes' 110-pod limit never caps it.
  const watch = watchUntil(agent, base, admin.token, `/api/v1/namespaces/${ns}/pods?watch=1`, (event) => {
    const name = event.object.metadata?.name ?? "";
    if (isReady(event.object) && !readyAt.has(name)) {
      readyAt.set(name, performance.now());
      void send(agent, base, admin.token, "DELETE", `/api/v1/namespaces/${ns}/pods/${name}`, { gracePeriodSeconds: 0 });
    }
    return false;
  });
  await sleep(200);
  const trafficBefore = await trafficSnapshot(server.databaseUrl, redisUrl);
  const before = cpuSnapshot();
  const end = before.at + seconds * 1000;
  let created = 0;
  const creator = async () => {
    while (performance.now() < end) {
      // A closed loop: at most --backlog pods created but not yet Ready, so creation follows what the system does.
      if (created - readyAt.size >= backlog) {
        await sleep(5);
        continue;
      }
      const name = `p-${created++}`;
      await api("POST", `/api/v1/namespaces/${ns}/pods`, { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, creator));
  const after = cpuSnapshot();
  const inWindow = [...readyAt.values()].filter((t) => t <= after.at).length;
  const behind = created - inWindow;
  for (let i = 0; i < 600 && readyAt.size < created; i++) await sleep(100);
  const drained = performance.now();
  // Counted from the start to the drain, so every created pod's work is in (Postgres publishes its counters late).
  const drainedCpu = cpuSnapshot();
  await sleep(1_500);
  const trafficAfter = await trafficSnapshot(server.databaseUrl, redisUrl);
  watch.abort();
  await deleteNamespace(ns);
  const window = (after.at - before.at) / 1000;
  return `created ${created} (${(created / window).toFixed(0)}/s); Ready within the ${window.toFixed(1)} s window: ${inWindow} → **${(inWindow / window).toFixed(0)} pods/s**; ${behind} still behind at its end, all Ready ${((drained - after.at) / 1000).toFixed(1)} s later (${readyAt.size}/${created})\n  CPU: ${cpu(before, after)}\n  per Ready pod (creation to drain): CPU ${cpuPerPod(before, drainedCpu, readyAt.size)}; ${trafficPerPod(trafficBefore, trafficAfter, readyAt.size)}`;
}

try {
  const booting = performance.now();
  await Promise.race([waitForNodes(4), workerExited]);
  console.error(`4 Ready nodes after ${((performance.now() - booting) / 1000).toFixed(1)} s`);
  const results: { seconds: number; cpu: string }[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await Promise.race([rolloutRun(run), workerExited]);
    console.error(`  rollout run ${run}: ${result.seconds.toFixed(2)} s  [${result.cpu}]`);
    results.push(result);
    await sleep(2_000);
  }
  const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.error("  sustained…");
  const steady = await Promise.race([sustained(), workerExited]);
  const facts = await machineFacts(server.databaseUrl);
  console.log(`- date: ${execFileSync("date", ["-u"], { encoding: "utf8" }).trim()}`);
  console.log(`- machine: ${facts.nproc} cores (${facts["cpu model"]}), ${facts.memory}, node ${facts.node}; ${facts.postgres?.split(" on ")[0] ?? ""}`);
  const how = process.env.KUBECLASS_WORKER_BUNDLE ? "npm run bench:controllers --" : "npx tsx bench/controllers-bench.ts";
  console.log(`- command: ${how} --runs ${runs} --replicas ${replicas} --seconds ${seconds} --concurrency ${concurrency} --backlog ${backlog}${values.profile ? ` --profile ${values.profile}` : ""}`);
  console.log(`- (a) ${replicas}-replica Deployment to availableReplicas=${replicas}: **median ${median.toFixed(2)} s** (runs: ${results.map((r) => r.seconds.toFixed(2)).join(", ")} s)`);
  results.forEach((r, i) => console.log(`  run ${i + 1} CPU: ${r.cpu}`));
  console.log(`- (b) sustained bare pods: ${steady}`);
} finally {
  await worker.stop();
  agent.destroy();
  await server.stop();
}

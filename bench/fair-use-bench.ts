/**
 * Fair use (done-means 4 of the rate-limit issue): learner A floods the API while learner B keeps working; B's
 * latency during the flood is compared with B's latency alone, with the per-user rate limiter on and off.
 *
 *   npm run bench:fair-use -- [--runs 3] [--seconds 20] [--warmup 3] [--b-rate 20] [--b-connections 4]
 *                             [--a-connections 32] [--a-mix mixed|gets|creates] [--qps 25] [--burst 100]
 *                             [--hold-ms 1000] [--modes on,off] [--quiet-wait 15]
 *
 * Each run and mode starts the real API server in this process (tests/support/api-server.ts, a fresh throwaway
 * database) with the limiter on (--qps/--burst, the production defaults) or off, and forks two clients, so that
 * neither shares an event loop with the server or the other (bench/fair-use/fair-use-client.ts):
 * - B, a learner bound to `view`, GETs ConfigMaps at a fixed --b-rate (open loop, under B's own limit) over
 *   --b-connections keep-alive connections; latency of the answers inside the --seconds window (after --warmup);
 * - A, a learner bound to `edit` in its own namespace, runs --a-connections closed loops of GETs and creates
 *   (--a-mix), each sending the next request as soon as the last is answered and never honouring Retry-After.
 * --hold-ms sets how long the server holds each 429 before sending it (its default when not given; 0 answers at
 * once, to measure what a flood of immediate refusals costs).
 * Phases: B alone, then B while A floods. Reported: B's p50/p99 and the ratio of its p99 under flood to alone,
 * A's 2xx and 429 rates, CPU shares (server, A's client, B's client, Postgres, machine), the server's event-loop
 * delay; the median of --runs and every run's value, as a Markdown block for bench/RESULTS.md on stdout.
 * On a shared machine it waits (up to --quiet-wait s) before each phase for the cores to be idle.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { maintenanceUrl } from "../lib/server/db/admin";
import { env } from "../lib/server/env";
import { startTestApiServer, type TestApiServer } from "../tests/support/api-server";
import { cpuShares, cpuSnapshot, type CpuSnapshot } from "./api-bench/cpu-sampler";
import { keepAliveAgent, sendOk } from "./api-bench/http-client";
import { machineFacts } from "./api-bench/machine-facts";
import { waitForQuietMachine } from "./api-bench/quiet-machine";
import { ClientProcess } from "./fair-use/client-process";
import type { FloodConfig, SteadyConfig, SteadyResult } from "./fair-use/protocol";
import { p99Ratio, renderReport, type Mode, type ModeResult, type PhaseCpu, type RunResult } from "./fair-use/report";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    "b-rate": { type: "string", default: "20" },
    "b-connections": { type: "string", default: "4" },
    "a-connections": { type: "string", default: "32" },
    "a-mix": { type: "string", default: "mixed" },
    qps: { type: "string", default: "25" },
    burst: { type: "string", default: "100" },
    "hold-ms": { type: "string" },
    modes: { type: "string", default: "on,off" },
    "quiet-wait": { type: "string", default: "15" },
  },
});
const positive = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${String(values[name])}`);
  return n;
};
const runs = positive("runs");
const seconds = positive("seconds");
const warmupSeconds = positive("warmup");
const bRate = positive("b-rate");
const bConnections = positive("b-connections");
const aConnections = positive("a-connections");
const holdMs = values["hold-ms"] === undefined ? undefined : Number(values["hold-ms"]);
if (holdMs !== undefined && !(holdMs >= 0)) throw new Error(`--hold-ms must be a number of milliseconds, not ${values["hold-ms"]}`);
const budget = { qps: positive("qps"), burst: positive("burst"), ...(holdMs !== undefined ? { refusalHoldMs: holdMs } : {}) };
const mixes = ["mixed", "gets", "creates"] as const;
const mix = mixes.find((m) => m === values["a-mix"]);
if (!mix) throw new Error(`--a-mix must be mixed, gets or creates, not ${values["a-mix"]}`);
const floodMix: FloodConfig["mix"] = mix;
const modes = values.modes.split(",") as Mode[];
if (modes.length === 0 || modes.some((m) => m !== "on" && m !== "off")) throw new Error(`--modes takes on and/or off, not ${values.modes}`);
const quietWaitMs = Number(values["quiet-wait"]) * 1000;
if (bRate >= budget.qps) console.error(`warning: --b-rate ${bRate} is not under B's own limit (--qps ${budget.qps}): B will be refused too`);

const B_NS = "fair-b";
const A_NS = "fair-a";
const OBJECTS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for other users of the machine to be done, and says so when it had to. */
async function settle(what: string): Promise<void> {
  if (quietWaitMs <= 0) return;
  const { waitedMs, busyPct } = await waitForQuietMachine(quietWaitMs, 30);
  if (busyPct >= 30) console.error(`  (machine still ${busyPct.toFixed(0)}% busy after ${(waitedMs / 1000).toFixed(0)} s; starting ${what} anyway)`);
}

/** The namespaces, B's 100 ConfigMaps and both learners' bindings, created by the admin (never limited). */
async function setUp(server: TestApiServer, adminToken: string, a: string, b: string): Promise<void> {
  const agent = keepAliveAgent(server.caPem, 8);
  const base = new URL(server.url);
  const ok = (method: string, path: string, body?: unknown) => sendOk(agent, base, adminToken, method, path, body);
  const bind = (ns: string, user: string, role: string) =>
    ok("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: `${role}-${user.split("@")[0] ?? "learner"}` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
    });
  try {
    for (const ns of [A_NS, B_NS]) await ok("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (let i = 0; i < OBJECTS; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          ok("POST", `/api/v1/namespaces/${B_NS}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i + j}` }, data: { greeting: "hello" } }),
        ),
      );
    }
    await ok("POST", `/api/v1/namespaces/${A_NS}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "target" }, data: { greeting: "hello" } });
    await bind(B_NS, b, "view");
    await bind(A_NS, a, "edit");
  } finally {
    agent.destroy();
  }
}

function phaseCpu(before: CpuSnapshot, after: CpuSnapshot, a: ClientProcess, b: ClientProcess, loopDelayP99Ms: number): PhaseCpu {
  const used = (pid: number | undefined) => (pid === undefined ? 0 : (after.processes.get(pid)?.ms ?? 0) - (before.processes.get(pid)?.ms ?? 0));
  const shares = cpuShares(before, after, { pid: a.pid, cpuMs: used(a.pid) });
  return {
    ...shares,
    others: shares.others.filter((o) => !o.includes(`[${b.pid ?? -1}]`)),
    steadyClient: (100 * used(b.pid)) / (after.at - before.at),
    loopDelayP99Ms,
  };
}

/** B's steady phase, with CPU shares and the server's event-loop delay over it. */
async function measureB(a: ClientProcess, b: ClientProcess, config: SteadyConfig): Promise<{ b: SteadyResult; cpu: PhaseCpu }> {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const before = cpuSnapshot();
  const { result } = await b.ask({ type: "steady", config }, "steady-done", (warmupSeconds + seconds + 60) * 1000);
  const after = cpuSnapshot();
  loopDelay.disable();
  return { b: result, cpu: phaseCpu(before, after, a, b, loopDelay.percentile(99) / 1e6) };
}

async function modeRun(run: number, mode: Mode): Promise<ModeResult> {
  const server = await startTestApiServer(mode === "on" ? { rateLimit: budget } : {});
  const a = new ClientProcess("learner A");
  const b = new ClientProcess("learner B");
  try {
    const admin = await server.user("fair-admin@kubeclass.local", "ADMIN");
    const learnerA = await server.user("fair-a@kubeclass.local", "LEARNER");
    const learnerB = await server.user("fair-b@kubeclass.local", "LEARNER");
    await setUp(server, admin.token, learnerA.email, learnerB.email);
    const target = { url: server.url, caPem: server.caPem };
    const steady: SteadyConfig = {
      ...target,
      token: learnerB.token,
      paths: Array.from({ length: OBJECTS }, (_, i) => `/api/v1/namespaces/${B_NS}/configmaps/cm-${(i * 37) % OBJECTS}`),
      perSecond: bRate,
      connections: bConnections,
      warmupSeconds,
      seconds,
    };
    const flood: FloodConfig = { ...target, token: learnerA.token, connections: aConnections, namespace: A_NS, readPath: `/api/v1/namespaces/${A_NS}/configmaps/target`, mix: floodMix };

    await settle(`run ${run} (limiter ${mode}) B alone`);
    const alone = await measureB(a, b, steady);
    // B's bucket refills before the next phase, so the flood phase starts from the same place.
    await sleep(Math.ceil((budget.burst / budget.qps) * 1000));
    await settle(`run ${run} (limiter ${mode}) flood`);
    await a.ask({ type: "flood-start", config: flood }, "flood-started", 10_000);
    const flooded = await measureB(a, b, steady);
    const { result: aResult } = await a.ask({ type: "flood-stop" }, "flood-done", 60_000);
    const result: ModeResult = { alone, flooded: { ...flooded, a: aResult } };
    const line = (label: string, r: SteadyResult) => `${label} p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms (${r.ok} ok, ${r.refused} 429, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ""})`;
    console.error(
      `  run ${run} limiter ${mode}: ${line("B alone", alone.b)}; ${line("flooded", flooded.b)}; ratio ${p99Ratio(result).toFixed(2)}; ` +
        `A ${(aResult.ok / aResult.seconds).toFixed(0)} 2xx/s, ${(aResult.refused / aResult.seconds).toFixed(0)} 429/s${aResult.firstError ? ` (${aResult.firstError})` : ""}; ` +
        `cpu server ${flooded.cpu.server.toFixed(0)}% A ${flooded.cpu.client.toFixed(0)}% B ${flooded.cpu.steadyClient.toFixed(0)}% postgres ${flooded.cpu.postgres.toFixed(0)}% machine ${flooded.cpu.machine.toFixed(0)}%` +
        `${flooded.cpu.others.length > 0 ? `; others: ${flooded.cpu.others.join(", ")}` : ""}`,
    );
    await a.ask({ type: "exit" }, "flood-done", 1_000).catch(() => undefined);
    return result;
  } finally {
    a.stop();
    b.stop();
    await server.stop();
  }
}

const command = `npm run bench:fair-use -- ${process.argv.slice(2).join(" ")}`.trim();
const date = new Date().toISOString();
const settings =
  `${runs} run(s); limiter ${modes.join(" and ")} (on: ${budget.qps} req/s, burst ${budget.burst} per learner, 429s held ${holdMs ?? "the default"}${holdMs !== undefined ? " ms" : ""}); ` +
  `B: ${bRate} GET/s over ${bConnections} connections, ${warmupSeconds} s warm-up + ${seconds} s measured per phase; ` +
  `A: ${aConnections} connections, ${mix}, ignoring Retry-After`;
console.error(`${command}\n${date}\n${settings}`);
const facts = await machineFacts(maintenanceUrl(env().DATABASE_URL));
const results: RunResult[] = [];
for (let run = 1; run <= runs; run++) {
  const result: RunResult = { run, modes: {} };
  for (const mode of modes) result.modes[mode] = await modeRun(run, mode);
  results.push(result);
}
console.log(renderReport({ command, date, facts, settings, results }));

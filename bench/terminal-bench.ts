/**
 * The browser terminal under a class: "200 concurrent terminal sessions over socket.io each running `kubectl get
 * pods` every 5 s: p99 command round trip < 200 ms on one 2-core machine, server memory per idle session < 1 MB
 * and per active session < 5 MB".
 *
 *   npm run bench:terminal -- [--runs 1] [--sessions 200] [--seconds 60] [--interval 5] [--pods 3]
 *                             [--warmup 10] [--command "kubectl get pods"] [--quiet-wait 15] [--profile DIR]
 *
 * `npm run bench:terminal` runs it bundled, as production runs the server (bench/run-bundled.mjs).
 *
 * Each run starts, in this process, the real API server over a fresh throwaway database (tests/support/
 * api-server.ts) and a socket.io server with the real `/terminal` namespace wired as the web process wires it
 * (terminal-bench/terminal-server.ts: lib/server/terminal/terminal-runtime.ts's shell and programs, home and
 * history in Postgres, kubectl through the in-process API as the learner, with the learner rate limit). Sign-in
 * is the real cookie check with a secret made up for the run. It creates a classroom of
 * --sessions learners, each joined as the join route does (namespace, bindings, quota, LimitRange) with --pods
 * pods in their namespace. A forked client process (terminal-bench/load-client.ts) holds the browser tabs, so
 * they do not share the server's event loop: first --warmup tabs of other learners type for a few seconds and are
 * closed (JIT and pools warm), then one tab per learner opens, all at once; after a pause each types the command
 * and Enter every --interval seconds, the tabs' turns spread evenly over the interval, for a warm-up interval plus
 * --seconds. A round trip runs from sending the keys to the arrival of the output that ends with the next prompt.
 *
 * Memory is the server process's heap and RSS after a full GC before any session, with every session open and
 * idle, sampled while they type (peak), and after typing (GC'd); per session = difference ÷ sessions.
 * CPU shares of this process, the client process and Postgres over the measured window (--profile writes a CPU
 * profile of the server over it, bench/api-bench/profiler.ts). Markdown for
 * bench/RESULTS.md on stdout (the median of --runs and each run's value), progress on stderr.
 */
import { mkdirSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { pino, type Logger } from "pino";
import { maintenanceUrl } from "../lib/server/db/admin";
import { createPrismaClient } from "../lib/server/db/prisma";
import { env } from "../lib/server/env";
import { startTestApiServer } from "../tests/support/api-server";
import { cpuShares, cpuSnapshot } from "./api-bench/cpu-sampler";
import { machineFacts } from "./api-bench/machine-facts";
import { waitForQuietMachine } from "./api-bench/quiet-machine";
import { profilePhase } from "./api-bench/profiler";
import { percentile } from "./api-bench/stats";
import { ClientProcess } from "./terminal-bench/client-process";
import { collectGarbage, memoryNow, sampleMemory } from "./terminal-bench/memory";
import { renderReport, type RunResult } from "./terminal-bench/report";
import { setUpClass } from "./terminal-bench/setup-class";
import { startTerminalServer } from "./terminal-bench/terminal-server";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    sessions: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    interval: { type: "string", default: "5" },
    pods: { type: "string", default: "3" },
    warmup: { type: "string", default: "10" },
    command: { type: "string", default: "kubectl get pods" },
    "quiet-wait": { type: "string", default: "15" },
    profile: { type: "string" },
  },
});
const number = (name: keyof typeof values, min: number, integer = true) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be ${integer ? "an integer" : "a number"} ≥ ${min}, not ${String(values[name])}`);
  return n;
};
const runs = number("runs", 1);
const sessions = number("sessions", 1);
const seconds = number("seconds", 1, false);
const intervalMs = number("interval", 0.1, false) * 1000;
const pods = number("pods", 0);
const warmupTabs = number("warmup", 0);
const quietWaitMs = number("quiet-wait", 0, false) * 1000;
const command = values.command;
const profileDir = values.profile;
if (profileDir) mkdirSync(profileDir, { recursive: true });
// The server's log lines (a refused open, say) go to stderr with the progress lines: stdout carries only the report.
// lib/server/logger.ts keeps the process's root logger in this slot and creates it only when it is empty.
(globalThis as typeof globalThis & { __kubeclassLogger?: Logger }).__kubeclassLogger = pino({ level: env().LOG_LEVEL, base: { pid: process.pid } }, pino.destination(2));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.error(line);

async function settle(what: string): Promise<number> {
  const { waitedMs, busyPct } = await waitForQuietMachine(quietWaitMs, 30);
  if (busyPct >= 30) log(`  (machine still ${busyPct.toFixed(0)}% busy after ${(waitedMs / 1000).toFixed(0)} s; starting ${what} anyway)`);
  return busyPct;
}

/**
 * Memory after full GCs with pauses between: V8 hands freed pages back to the system lazily, so RSS measured right
 * after a busy phase (setting up the class) still holds memory that is gone a few seconds later.
 */
async function settledMemory(): Promise<ReturnType<typeof memoryNow>> {
  for (let i = 0; i < 3; i++) {
    await collectGarbage();
    await sleep(1000);
  }
  return memoryNow();
}

async function run(index: number): Promise<RunResult> {
  const server = await startTestApiServer();
  const prisma = createPrismaClient(server.databaseUrl);
  const client = new ClientProcess();
  const terminal = await startTerminalServer({ apiUrl: server.url, prisma });
  try {
    log(`run ${index}: setting up ${sessions} learners with ${pods} pods each`);
    const learners = await setUpClass(server.running.api, prisma, { learners: sessions, podsPerNamespace: pods });
    const warmers = warmupTabs > 0 ? await setUpClass(server.running.api, prisma, { learners: warmupTabs, podsPerNamespace: pods, prefix: "warmup" }) : [];
    const cookies = async (list: typeof learners) => Promise.all(list.map((l) => terminal.cookieFor(l)));
    const columns = 120;
    const rows = 30;

    if (warmers.length > 0) {
      log(`run ${index}: warming up with ${warmers.length} tabs`);
      await client.ask({ type: "open", config: { url: terminal.url, cookies: await cookies(warmers), columns, rows } }, "opened", 120_000);
      await client.ask({ type: "run", config: { command, intervalMs: 500, warmupMs: 0, measureMs: 3000, timeoutMs: 10_000 } }, "ran", 60_000);
      await client.ask({ type: "close" }, "closed", 10_000);
      terminal.registry.closeAll("The warm-up is over.");
    }
    const before = await settledMemory();

    await settle(`run ${index}`);
    log(`run ${index}: opening ${sessions} tabs at once`);
    const { result: open } = await client.ask({ type: "open", config: { url: terminal.url, cookies: await cookies(learners), columns, rows } }, "opened", 300_000);
    if (open.refusals > 0) log(`  ${open.refusals} opens refused (${open.failed} tabs never opened): ${open.firstError ?? ""}`);
    const idle = await settledMemory();

    log(`run ${index}: typing \`${command}\` every ${intervalMs / 1000} s in each tab for ${(intervalMs + seconds * 1000) / 1000} s (the first ${intervalMs / 1000} s not counted)`);
    const stopSampling = sampleMemory(250);
    const ran = client.ask({ type: "run", config: { command, intervalMs, warmupMs: intervalMs, measureMs: seconds * 1000, timeoutMs: 30_000 } }, "ran", intervalMs + seconds * 1000 + 120_000);
    await sleep(intervalMs);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = cpuSnapshot();
    const window = () => sleep(seconds * 1000);
    await (profileDir ? profilePhase(profileDir, `terminal-run${index}`, window) : window());
    const cpuAfter = cpuSnapshot();
    loopDelay.disable();
    const { result: typed } = await ran;
    const active = stopSampling();
    await collectGarbage();
    const afterActivity = memoryNow();
    await client.ask({ type: "close" }, "closed", 30_000);

    const clientCpuMs = (cpuAfter.processes.get(client.pid ?? -1)?.ms ?? 0) - (cpuBefore.processes.get(client.pid ?? -1)?.ms ?? 0);
    const result: RunResult = {
      sessions: open.opened,
      open,
      client: typed,
      cpu: cpuShares(cpuBefore, cpuAfter, { pid: client.pid, cpuMs: clientCpuMs || typed.cpuMs }),
      measuredMs: cpuAfter.at - cpuBefore.at,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      memory: { before, idle, activeMean: active.mean, activePeak: active.peak, afterActivity },
    };
    const ms = (q: number) => percentile(typed.latencies, q).toFixed(0);
    log(
      `run ${index}: ${typed.latencies.length} commands, p50 ${ms(50)} p95 ${ms(95)} p99 ${ms(99)} max ${ms(100)} ms, ${typed.errors} errors${typed.firstError ? ` (${typed.firstError})` : ""}, ` +
        `${typed.skipped} skipped; RSS ${before.rssMB.toFixed(0)} → idle ${idle.rssMB.toFixed(0)} → peak ${active.peak.rssMB.toFixed(0)} MB; ` +
        `cpu server ${result.cpu.server.toFixed(0)}% client ${result.cpu.client.toFixed(0)}% postgres ${result.cpu.postgres.toFixed(0)}%`,
    );
    return result;
  } finally {
    terminal.registry.closeAll("The benchmark is over.");
    await client.ask({ type: "exit" }, "closed", 1_000).catch(() => undefined);
    client.stop();
    await terminal.stop();
    await prisma.$disconnect();
    await server.stop();
  }
}

const invocation = `${process.env.KUBECLASS_WORKER_BUNDLE ? "npm run bench:terminal --" : "npx tsx bench/terminal-bench.ts"} ${process.argv.slice(2).join(" ")}`.trim();
const date = new Date().toISOString();
const settings =
  `${runs} run(s); ${sessions} tabs (one learner each, ${pods} pods in each namespace), \`${command}\` every ${intervalMs / 1000} s per tab, ` +
  `turns spread evenly; ${intervalMs / 1000} s warm-up + ${seconds} s measured; ${warmupTabs} warm-up tabs first; no controller worker running`;
log(`${invocation}\n${date}\n${settings}`);
const facts = await machineFacts(maintenanceUrl(env().DATABASE_URL));
const results: RunResult[] = [];
for (let i = 1; i <= runs; i++) results.push(await run(i));
console.log(renderReport({ command: invocation, date, facts, settings, results }));

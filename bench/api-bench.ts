/**
 * The Kubernetes API end to end: HTTPS + token authn + RBAC + Postgres store, under concurrent keep-alive
 * clients, next to pgbench's single-row INSERT rate on the same Postgres.
 *
 *   npx tsx bench/api-bench.ts [--runs 3] [--clients 16] [--seconds 10] [--warmup 2]
 *                              [--watchers 100] [--watch-writers 4] [--watch-seconds 10] [--json out.json]
 *                              [--pgbench-seconds 10] [--quiet-wait 15] [--profile DIR]
 *                              [--phases creates,gets,lists,updates,learner-gets,watch,pgbench]
 *   npx tsx bench/api-bench.ts --report-from a.json[,b.json]     (re-render saved --json results, pooled)
 *
 * Each run starts the real API server (tests/support/api-server.ts) over a fresh throwaway database, forks the
 * load generator (bench/api-bench/load-client.ts) so clients and server do not share an event loop, runs the
 * phases (creates, gets, lists, updates, gets as a learner bound to `edit`, watch fan-out), stops the server,
 * then runs pgbench on a throwaway database: a single-row INSERT with the server's synchronous_commit and
 * with it off, and the store's own create statement (Postgres' share of a create, without Node). The report
 * (Markdown) gives the median of the runs and every run's numbers. Only loopback traffic; everything created is
 * removed, also on Ctrl-C.
 *
 * The machine may be shared: before each phase it waits (up to --quiet-wait seconds) for the cores to be idle,
 * and the report shows, per phase, CPU used by processes other than the server, the load generator and
 * Postgres. --profile DIR writes a CPU profile of the server per phase (profiling slows it; do not mix such a
 * run's numbers with unprofiled ones). --phases runs only some phases (for quick A/B comparisons; the others
 * show as –).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDatabase, dropDatabase, maintenanceUrl, withClient } from "../lib/server/db/admin";
import { applyMigrations } from "../lib/server/db/migrate";
import { env } from "../lib/server/env";
import { startTestApiServer } from "../tests/support/api-server";
import { cpuShares, cpuSnapshot } from "./api-bench/cpu-sampler";
import { startLoadGenerator } from "./api-bench/load-generator";
import { machineFacts } from "./api-bench/machine-facts";
import { PGBENCH_SCHEMA, runPgbench, storeCreateScript } from "./api-bench/pgbench";
import { profilePhase } from "./api-bench/profiler";
import type { ClientConfig, PhaseName } from "./api-bench/protocol";
import { waitForQuietMachine } from "./api-bench/quiet-machine";
import { renderReport, type ReportInput, type RunResult } from "./api-bench/report";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    clients: { type: "string", default: "16" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    watchers: { type: "string", default: "100" },
    "watch-writers": { type: "string", default: "4" },
    "watch-seconds": { type: "string" },
    "pgbench-seconds": { type: "string" },
    json: { type: "string" },
    "quiet-wait": { type: "string", default: "15" },
    profile: { type: "string" },
    "report-from": { type: "string" },
    phases: { type: "string", default: "creates,gets,lists,updates,learner-gets,watch,pgbench" },
  },
});

// Re-render saved --json results (several files pool their runs) instead of running anything.
if (values["report-from"]) {
  const inputs = values["report-from"].split(",").map((file) => JSON.parse(readFileSync(file, "utf8")) as ReportInput);
  const first = inputs[0];
  if (!first) throw new Error("--report-from needs at least one file");
  const results = inputs.flatMap((input) => input.results).map((result, i) => ({ ...result, run: i + 1 }));
  const unique = (f: (input: ReportInput) => string) => [...new Set(inputs.map(f))].join("; ");
  console.log(renderReport({ command: unique((i) => i.command), date: unique((i) => i.date), facts: first.facts, settings: unique((i) => i.settings), results }));
  process.exit(0);
}
const positive = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${raw}`);
  return n;
};
const runs = positive("runs", values.runs);
const clients = positive("clients", values.clients);
const seconds = positive("seconds", values.seconds);
const warmupSeconds = Number(values.warmup);
if (!(warmupSeconds >= 0)) throw new Error(`--warmup must be a number of seconds, not ${values.warmup}`);
const watchers = positive("watchers", values.watchers);
const watchWriters = positive("watch-writers", values["watch-writers"]);
const watchSeconds = positive("watch-seconds", values["watch-seconds"] ?? values.seconds);
const pgbenchSeconds = positive("pgbench-seconds", values["pgbench-seconds"] ?? values.seconds);
const quietWaitMs = Number(values["quiet-wait"]) * 1000;
const profileDir = values.profile;
if (profileDir) mkdirSync(profileDir, { recursive: true });
/** Below this (% of one core) the machine counts as idle: a little for Postgres' and the OS's background work. */
const QUIET_PCT = 30;

/** Waits for the other users of the machine to be done, and says so when it had to. */
async function settle(what: string): Promise<void> {
  if (quietWaitMs <= 0) return;
  const { waitedMs, busyPct } = await waitForQuietMachine(quietWaitMs, QUIET_PCT);
  if (busyPct >= QUIET_PCT) console.error(`  (machine still ${busyPct.toFixed(0)}% busy after ${(waitedMs / 1000).toFixed(0)} s; starting ${what} anyway)`);
  else if (waitedMs > 1000) console.error(`  (waited ${(waitedMs / 1000).toFixed(1)} s for a quiet machine before ${what})`);
}

const selected = new Set(values.phases.split(","));
const known = ["creates", "gets", "lists", "updates", "learner-gets", "watch", "pgbench"];
for (const phase of selected) if (!known.includes(phase)) throw new Error(`--phases: unknown phase ${phase} (known: ${known.join(", ")})`);
const LOAD_PHASES = (["creates", "gets", "lists", "updates", "learner-gets", "watch"] as PhaseName[]).filter((p) => selected.has(p));
const skipped = { tps: NaN, latencyMs: NaN, failed: 0 };

/** Undone in reverse order at the end of a run, and on Ctrl-C. */
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;

/** Runs every pending cleanup once; concurrent callers (the run's `finally`, a signal) share one pass. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()?.();
      } catch (error) {
        console.error("cleanup failed:", error);
      }
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

/** Called between steps: after Ctrl-C, start nothing new. */
function checkInterrupted(): void {
  if (interrupted) throw new Error("interrupted");
}

// The first signal stops the load generator and the server at once; the run then fails at its next step and
// the top level cleans up whatever that step had started. A second signal exits without waiting.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: cleaning up`);
    void cleanUp();
  });
}

async function apiRun(run: number): Promise<Omit<RunResult, "pgbench">> {
  checkInterrupted();
  const booting = performance.now();
  const server = await startTestApiServer();
  cleanups.push(() => server.stop());
  const startupSeconds = (performance.now() - booting) / 1000;
  const admin = await server.user("bench-admin@kubeclass.local", "ADMIN");
  const learner = await server.user("bench-learner@kubeclass.local", "LEARNER");

  const generator = startLoadGenerator();
  cleanups.push(() => generator.stop());
  const config: ClientConfig = {
    url: server.url,
    caPem: server.caPem,
    adminToken: admin.token,
    learnerToken: learner.token,
    learnerName: learner.email,
    clients,
    warmupSeconds,
    seconds,
    watchers,
    watchWriters,
    watchSeconds,
  };
  await generator.ask({ type: "init", config }, 30_000);

  const phases: RunResult["phases"] = {};
  for (const phase of ["setup", ...LOAD_PHASES] as PhaseName[]) {
    const budget = phase === "setup" ? 120_000 : phase === "watch" ? (watchSeconds + 90) * 1000 : (warmupSeconds + seconds + 60) * 1000;
    checkInterrupted();
    if (phase !== "setup") await settle(`run ${run} ${phase}`);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const before = cpuSnapshot();
    const ask = () => generator.ask({ type: "phase", phase }, budget);
    const answer = profileDir && phase !== "setup" ? await profilePhase(profileDir, `run${run}-${phase}`, ask) : await ask();
    const after = cpuSnapshot();
    loopDelay.disable();
    if (answer.type === "failed") throw new Error(`run ${run}, phase ${phase}: ${answer.error}`);
    if (answer.type !== "done") throw new Error(`run ${run}, phase ${phase}: unexpected answer ${answer.type}`);
    const outcome = {
      ...answer.report,
      cpu: cpuShares(before, after, { pid: generator.pid, cpuMs: answer.report.clientCpuMs }),
      wallSeconds: (after.at - before.at) / 1000,
      // How long the server's event loop was kept from running ready work (it is one thread).
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    };
    phases[phase] = outcome;
    const line = outcome.load
      ? `${outcome.load.perSecond.toFixed(0)}/s p50 ${outcome.load.p50.toFixed(1)} ms p99 ${outcome.load.p99.toFixed(1)} ms, ${outcome.load.errors} errors${outcome.load.firstError ? ` (${outcome.load.firstError})` : ""}`
      : outcome.watch
        ? `${outcome.watch.writesPerSecond.toFixed(0)} writes/s → ${outcome.watch.eventsPerSecond.toFixed(0)} events/s, delivery p50 ${outcome.watch.p50.toFixed(1)} ms p99 ${outcome.watch.p99.toFixed(1)} ms, ${outcome.watch.delivered}/${outcome.watch.expected} delivered, ${outcome.watch.endedEarly} ended early${outcome.watch.firstError ? ` (${outcome.watch.firstError})` : ""}`
        : "done";
    console.error(`  run ${run} ${phase.padEnd(12)} ${line}  [cpu server ${outcome.cpu.server.toFixed(0)}% client ${outcome.cpu.client.toFixed(0)}% postgres ${outcome.cpu.postgres.toFixed(0)}% irq ${outcome.cpu.irq.toFixed(0)}% machine ${outcome.cpu.machine.toFixed(0)}%${outcome.cpu.others.length > 0 ? `; others: ${outcome.cpu.others.join(", ")}` : ""}]`);
  }
  await generator.ask({ type: "exit" }, 5_000).catch(() => undefined);
  await cleanUp();
  return { run, startupSeconds, phases };
}

async function pgbenchRun(): Promise<RunResult["pgbench"]> {
  const url = new URL(env().DATABASE_URL);
  url.pathname = `/kubeclass_pgbench_${randomBytes(6).toString("hex")}`;
  const database = url.toString();
  checkInterrupted();
  await createDatabase(database);
  cleanups.push(() => dropDatabase(database));
  await withClient(database, (client) => client.query(PGBENCH_SCHEMA));
  await applyMigrations({ connectionString: database });
  await settle("pgbench");
  const serverDefault = await runPgbench(database, clients, pgbenchSeconds, { synchronousCommit: "server-default" });
  await settle("pgbench (synchronous_commit=off)");
  const syncOff = await runPgbench(database, clients, pgbenchSeconds, { synchronousCommit: "off" });
  await settle("pgbench (the store's create statement)");
  const storeCreate = await runPgbench(database, clients, pgbenchSeconds, {
    synchronousCommit: "server-default",
    script: storeCreateScript(),
    prepared: true,
  });
  console.error(
    `  pgbench: insert ${serverDefault.tps.toFixed(0)} TPS (server default), ${syncOff.tps.toFixed(0)} TPS (synchronous_commit=off); ` +
      `store create statement ${storeCreate.tps.toFixed(0)} TPS`,
  );
  await cleanUp();
  return { serverDefault, syncOff, storeCreate };
}

const command = `npx tsx bench/api-bench.ts ${process.argv.slice(2).join(" ")}`.trim();
const date = new Date().toISOString();
const facts = await machineFacts(maintenanceUrl(env().DATABASE_URL));
const settings =
  `${runs} runs; ${clients} clients; ${warmupSeconds} s warm-up + ${seconds} s per load phase; ` +
  `${watchers} watchers, ${watchWriters} writers for ${watchSeconds} s; pgbench -c ${clients} -j 2 -T ${pgbenchSeconds}; ` +
  `waits up to ${quietWaitMs / 1000} s before each phase for a quiet machine`;
console.error(`${command}\n${date}\n${settings}`);

const results: RunResult[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const api = await apiRun(run);
    const pgbench = selected.has("pgbench") ? await pgbenchRun() : { serverDefault: skipped, syncOff: skipped, storeCreate: skipped };
    results.push({ ...api, pgbench });
  }
} catch (error) {
  if (!interrupted) throw error;
} finally {
  await cleanUp();
}
if (interrupted) process.exit(130);
const report = renderReport({ command, date, facts, settings, results });
console.log(report);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ command, date, facts, settings, results }, null, 2)}\n`);

import type { CpuShares } from "../api-bench/cpu-sampler";
import type { MachineFacts } from "../api-bench/machine-facts";
import { median, percentile } from "../api-bench/stats";
import type { Memory } from "./memory";
import type { OpenResult, RunResult as ClientRun } from "./protocol";

/** One run: the tabs' numbers from the client process, CPU and memory from the server's. */
export type RunResult = {
  sessions: number;
  open: OpenResult;
  client: ClientRun;
  cpu: CpuShares;
  measuredMs: number;
  loopDelayP99Ms: number;
  memory: {
    /** After the warm-up sessions were closed, after a full GC. */
    before: Memory;
    /** With every session open and idle, after a full GC. */
    idle: Memory;
    /** Sampled while the tabs typed (no GC forced): mean and peak. */
    activeMean: Memory;
    activePeak: Memory;
    /** Sessions still open once the typing stopped, after a full GC: what activity left behind. */
    afterActivity: Memory;
  };
};

export const TARGETS = { p99Ms: 200, idleMBPerSession: 1, activeMBPerSession: 5 };

const perSession = (r: RunResult, m: Memory, base: Memory, f: (m: Memory) => number) => (f(m) - f(base)) / r.sessions;
const heap = (m: Memory) => m.heapMB;
const rss = (m: Memory) => m.rssMB;
const p = (q: number) => (r: RunResult) => percentile(r.client.latencies, q);
const commands = (r: RunResult) => r.client.latencies.length + r.client.errors;

/**
 * Per-session memory in MB that the targets are judged by: the larger of the heap's and the RSS's growth. RSS
 * is what the machine pays, but V8 may fill heap pages it had already committed, which RSS does not show.
 */
export const idlePerSession = (r: RunResult) => Math.max(perSession(r, r.memory.idle, r.memory.before, rss), perSession(r, r.memory.idle, r.memory.before, heap));
export const activePerSession = (r: RunResult) =>
  Math.max(perSession(r, r.memory.activePeak, r.memory.before, rss), perSession(r, r.memory.afterActivity, r.memory.before, heap));

const METRICS: [string, (r: RunResult) => number][] = [
  ["command round trip p50 ms", p(50)],
  ["command round trip p95 ms", p(95)],
  ["**command round trip p99 ms**", p(99)],
  ["command round trip max ms", p(100)],
  ["commands timed (measured window)", (r) => r.client.latencies.length],
  ["commands per second", (r) => (1000 * commands(r)) / r.measuredMs],
  ["errors (wrong output or no prompt)", (r) => r.client.errors],
  ["turns skipped (previous command still running)", (r) => r.client.skipped],
  ["socket disconnects", (r) => r.client.disconnects],
  ["sessions opened", (r) => r.open.opened],
  ["sessions that failed to open (3 tries)", (r) => r.open.failed],
  ["opens refused and retried (\"could not be started\")", (r) => r.open.refusals],
  ["opening all at once: p95 ms to the first prompt", (r) => r.open.p95],
  ["opening all at once: wall ms", (r) => r.open.wallMs],
  ["server heap before sessions MB (after GC)", (r) => r.memory.before.heapMB],
  ["server RSS before sessions MB", (r) => r.memory.before.rssMB],
  ["server heap, sessions idle MB (after GC)", (r) => r.memory.idle.heapMB],
  ["server RSS, sessions idle MB", (r) => r.memory.idle.rssMB],
  ["server heap while typing MB, peak", (r) => r.memory.activePeak.heapMB],
  ["server RSS while typing MB, peak", (r) => r.memory.activePeak.rssMB],
  ["**per idle session MB** (larger of RSS and heap growth)", idlePerSession],
  ["per idle session: RSS MB", (r) => perSession(r, r.memory.idle, r.memory.before, rss)],
  ["per idle session: heap MB", (r) => perSession(r, r.memory.idle, r.memory.before, heap)],
  ["**per active session MB** (larger of peak RSS and GC'd heap growth)", activePerSession],
  ["per active session: RSS MB (peak)", (r) => perSession(r, r.memory.activePeak, r.memory.before, rss)],
  ["per active session: heap MB (peak)", (r) => perSession(r, r.memory.activePeak, r.memory.before, heap)],
  ["per active session: heap MB (mean)", (r) => perSession(r, r.memory.activeMean, r.memory.before, heap)],
  ["per session after typing, GC'd: heap MB", (r) => perSession(r, r.memory.afterActivity, r.memory.before, heap)],
  ["CPU: web + API server process %", (r) => r.cpu.server],
  ["CPU: client process (the tabs) %", (r) => r.cpu.client],
  ["CPU: postgres %", (r) => r.cpu.postgres],
  ["CPU: machine busy % (200 = 2 cores)", (r) => r.cpu.machine],
  ["server CPU ms per command", (r) => (r.cpu.server * r.measuredMs) / 100 / commands(r)],
  ["postgres CPU ms per command", (r) => (r.cpu.postgres * r.measuredMs) / 100 / commands(r)],
  ["server event-loop delay p99 ms", (r) => r.loopDelayP99Ms],
  ["client timer lag p99 ms", (r) => r.client.timerLagP99],
];

const fmt = (value: number) =>
  !Number.isFinite(value) ? "–" : Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export type ReportInput = { command: string; date: string; facts: MachineFacts; settings: string; results: RunResult[] };

/** A block for bench/RESULTS.md: machine, settings, the median of the runs with each run's value, the verdicts. */
export function renderReport({ command, date, facts, settings, results }: ReportInput): string {
  const rows = METRICS.map(([label, f]) => [label, `**${fmt(median(results.map(f)))}**`, ...results.map((r) => fmt(f(r)))]);
  const p99 = median(results.map(p(99)));
  const idle = median(results.map(idlePerSession));
  const active = median(results.map(activePerSession));
  const errors = results.reduce((sum, r) => sum + r.client.errors + r.open.failed + r.client.disconnects, 0);
  const refused = results.reduce((sum, r) => sum + r.open.refusals, 0);
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const machine = `${facts.nproc ?? "?"} cores (${facts["cpu model"] ?? "?"}), cgroup cpu.max ${facts["cgroup cpu.max"] ?? "?"}, ${facts.memory ?? "?"}, node ${facts.node ?? "?"}, ${facts.postgres?.split(" on ")[0] ?? "postgres ?"}`;
  const others = [...new Set(results.flatMap((r) => r.cpu.others))];
  return [
    `### Terminal: ${results[0]?.sessions ?? "?"} sessions over socket.io typing \`kubectl get pods\``,
    "",
    `- date: ${date}`,
    `- command: \`${command}\``,
    `- machine: ${machine}`,
    `- settings: ${settings}`,
    "",
    `Median of ${results.length} run(s), then each run's value; CPU in % of one core over the measured window; memory of the server process (web + API server + terminals).`,
    "",
    table(["metric", "median", ...results.map((_, i) => `run ${i + 1}`)], rows),
    "",
    `Targets: p99 round trip < ${TARGETS.p99Ms} ms → ${verdict(p99 < TARGETS.p99Ms && errors === 0)} (${fmt(p99)} ms, ${errors} errors/failures/disconnects${refused > 0 ? `; ${refused} opens refused and retried` : ""}); ` +
      `memory per idle session < ${TARGETS.idleMBPerSession} MB → ${verdict(idle < TARGETS.idleMBPerSession)} (${fmt(idle)} MB); ` +
      `per active session < ${TARGETS.activeMBPerSession} MB → ${verdict(active < TARGETS.activeMBPerSession)} (${fmt(active)} MB)`,
    "",
    `Other busy processes during the measured windows: ${others.join(", ") || "none"}`,
    "",
  ].join("\n");
}

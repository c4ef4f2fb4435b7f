import type { CpuShares } from "../api-bench/cpu-sampler";
import type { MachineFacts } from "../api-bench/machine-facts";
import { median } from "../api-bench/stats";
import type { FloodResult, SteadyResult } from "./protocol";

export type Mode = "on" | "off";

/** CPU over a phase: the usual shares (client = learner A's process) plus learner B's process. */
export type PhaseCpu = CpuShares & { steadyClient: number; loopDelayP99Ms: number };

export type ModeResult = {
  alone: { b: SteadyResult; cpu: PhaseCpu };
  flooded: { b: SteadyResult; a: FloodResult; cpu: PhaseCpu };
};

export type RunResult = { run: number; modes: Partial<Record<Mode, ModeResult>> };

export const p99Ratio = (m: ModeResult | undefined) => (m ? m.flooded.b.p99 / m.alone.b.p99 : NaN);

const fmt = (value: number) =>
  !Number.isFinite(value) ? "–" : Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

const METRICS: [string, (m: ModeResult) => number][] = [
  ["B alone: p50 ms", (m) => m.alone.b.p50],
  ["B alone: p99 ms", (m) => m.alone.b.p99],
  ["B during A's flood: p50 ms", (m) => m.flooded.b.p50],
  ["B during A's flood: p99 ms", (m) => m.flooded.b.p99],
  ["**B p99 during flood ÷ alone**", p99Ratio],
  ["B answered 429 / errors (both phases)", (m) => m.alone.b.refused + m.alone.b.errors + m.flooded.b.refused + m.flooded.b.errors],
  ["B client send lag p99 ms (during flood)", (m) => m.flooded.b.sendLagP99],
  ["A 2xx/s", (m) => m.flooded.a.ok / m.flooded.a.seconds],
  ["A 429/s", (m) => m.flooded.a.refused / m.flooded.a.seconds],
  ["A other answers + failures", (m) => m.flooded.a.other + m.flooded.a.failed],
  ["CPU during flood: API server %", (m) => m.flooded.cpu.server],
  ["CPU during flood: A's client %", (m) => m.flooded.cpu.client],
  ["CPU during flood: B's client %", (m) => m.flooded.cpu.steadyClient],
  ["CPU during flood: postgres %", (m) => m.flooded.cpu.postgres],
  ["CPU during flood: machine busy % (200 = 2 cores)", (m) => m.flooded.cpu.machine],
  ["CPU alone: API server %", (m) => m.alone.cpu.server],
  ["server event-loop delay p99 ms (flood)", (m) => m.flooded.cpu.loopDelayP99Ms],
  ["API server CPU µs per A request (flood)", (m) => (10_000 * (m.flooded.cpu.server - m.alone.cpu.server)) / ((m.flooded.a.ok + m.flooded.a.refused) / m.flooded.a.seconds)],
];

export type ReportInput = { command: string; date: string; facts: MachineFacts; settings: string; results: RunResult[] };

/** A block ready for bench/RESULTS.md: machine, medians per mode with each run's values, and the done-means. */
export function renderReport({ command, date, facts, settings, results }: ReportInput): string {
  const modes: Mode[] = (["on", "off"] as Mode[]).filter((mode) => results.some((r) => r.modes[mode]));
  const rows = METRICS.map(([label, f]) => [
    label,
    ...modes.map((mode) => {
      const values = results.map((r) => r.modes[mode]).map((m) => (m ? f(m) : NaN));
      return `**${fmt(median(values))}** (${values.map(fmt).join(", ")})`;
    }),
  ]);
  const onRatio = median(results.map((r) => p99Ratio(r.modes.on)));
  const others = results.flatMap((r) =>
    modes.flatMap((mode) => {
      const m = r.modes[mode];
      const busy = [...(m?.alone.cpu.others ?? []), ...(m?.flooded.cpu.others ?? [])].filter((o) => Number(/(\d+)%$/.exec(o)?.[1] ?? 0) >= 10);
      return busy.length > 0 ? [`- run ${r.run}, limiter ${mode}: ${busy.join(", ")}`] : [];
    }),
  );
  const machine = `${facts.nproc ?? "?"} cores (${facts["cpu model"] ?? "?"}), cgroup cpu.max ${facts["cgroup cpu.max"] ?? "?"}, ${facts.memory ?? "?"}, node ${facts.node ?? "?"}, ${facts.postgres?.split(" on ")[0] ?? "postgres ?"}`;
  return [
    "### Fair use: one learner floods the API, another keeps working",
    "",
    `- date: ${date}`,
    `- command: \`${command}\``,
    `- machine: ${machine}`,
    `- settings: ${settings}`,
    "",
    `Median of ${results.length} run(s), each run's value in brackets; CPU in % of one core.`,
    "",
    table(["metric", ...modes.map((mode) => `limiter ${mode}`)], rows),
    "",
    `Done-means 4 (B's p99 during the flood < 2× alone, limiter on): ${modes.includes("on") ? `${fmt(onRatio)}× → ${onRatio < 2 ? "PASS" : "FAIL"}` : "not measured (--modes without on)"}`,
    "",
    "Other processes using ≥ 10% of a core (they compete for the same cores):",
    "",
    ...(others.length > 0 ? others : ["- none"]),
    "",
  ].join("\n");
}

import type { CpuShares } from "./cpu-sampler";
import type { MachineFacts } from "./machine-facts";
import type { PgbenchResult } from "./pgbench";
import type { PhaseName, PhaseReport } from "./protocol";
import { median } from "./stats";
import { foreignCpu, UNCONTENDED_PCT, uncontendedRows } from "./uncontended";

export type PhaseOutcome = PhaseReport & { cpu: CpuShares; wallSeconds: number; loopDelayP99Ms: number };
export type RunResult = {
  run: number;
  startupSeconds: number;
  phases: Partial<Record<PhaseName, PhaseOutcome>>;
  pgbench: { serverDefault: PgbenchResult; syncOff: PgbenchResult; storeCreate: PgbenchResult };
};

const LOAD_PHASES: [PhaseName, string][] = [
  ["creates", "creates (POST ConfigMap)"],
  ["gets", "gets (namespaced GET)"],
  ["lists", "lists (namespace of 100)"],
  ["updates", "updates (PUT with resourceVersion)"],
  ["learner-gets", "gets as learner (RBAC `edit`)"],
];

/** Every number of a run, by name, in display order. */
export function metricsOf(result: RunResult): [string, number][] {
  const rows: [string, number][] = [];
  for (const [phase, label] of LOAD_PHASES) {
    const load = result.phases[phase]?.load;
    rows.push([`${label}: req/s`, load?.perSecond ?? NaN], [`${label}: p50 ms`, load?.p50 ?? NaN], [`${label}: p99 ms`, load?.p99 ?? NaN]);
    rows.push([`${label}: errors`, load ? load.errors : NaN]);
    // CPU per request, from the phase's CPU shares (warm-up included, at about the same rate).
    const cpu = result.phases[phase]?.cpu;
    rows.push([`${label}: API server CPU ms/req`, cpu && load ? (10 * cpu.server) / load.perSecond : NaN]);
    rows.push([`${label}: postgres CPU ms/req`, cpu && load ? (10 * cpu.postgres) / load.perSecond : NaN]);
  }
  const watch = result.phases.watch?.watch;
  rows.push(
    ["watch: writes/s (create+update)", watch?.writesPerSecond ?? NaN],
    ["watch: events delivered/s (all watchers)", watch?.eventsPerSecond ?? NaN],
    ["watch: delivery p50 ms", watch?.p50 ?? NaN],
    ["watch: delivery p99 ms", watch?.p99 ?? NaN],
    ["watch: delivered / expected %", watch ? (100 * watch.delivered) / Math.max(1, watch.expected) : NaN],
    ["watch: streams ended early", watch?.endedEarly ?? NaN],
  );
  const creates = result.phases.creates?.load?.perSecond ?? NaN;
  rows.push(
    ["pgbench insert TPS (server default synchronous_commit)", result.pgbench.serverDefault.tps],
    ["pgbench insert TPS (synchronous_commit=off)", result.pgbench.syncOff.tps],
    ["pgbench store create statement TPS (Postgres alone, -M prepared)", result.pgbench.storeCreate.tps],
    ["creates/s ÷ pgbench TPS (server default)", creates / result.pgbench.serverDefault.tps],
    ["creates/s ÷ pgbench TPS (sync off, like for like)", creates / result.pgbench.syncOff.tps],
    ["creates/s ÷ store create statement TPS", creates / result.pgbench.storeCreate.tps],
    ["p99 mutating ms (max of create, update p99)", mutatingP99(result)],
    ["server start (fresh database, migrations) s", result.startupSeconds],
  );
  return rows;
}

export function mutatingP99(result: RunResult): number {
  return Math.max(result.phases.creates?.load?.p99 ?? NaN, result.phases.updates?.load?.p99 ?? NaN);
}

const fmt = (value: number) =>
  !Number.isFinite(value) ? "–" : Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export type Targets = { label: string; value: number; pass: boolean; goal: string }[];

export function targetsOf(results: RunResult[]): Targets {
  const med = (f: (r: RunResult) => number) => median(results.map(f));
  const creates = med((r) => r.phases.creates?.load?.perSecond ?? NaN);
  const gets = med((r) => r.phases.gets?.load?.perSecond ?? NaN);
  const p99 = med(mutatingP99);
  const ratio = med((r) => (r.phases.creates?.load?.perSecond ?? NaN) / r.pgbench.serverDefault.tps);
  const ratioOff = med((r) => (r.phases.creates?.load?.perSecond ?? NaN) / r.pgbench.syncOff.tps);
  return [
    { label: "creates/s", goal: "≥ 500", value: creates, pass: creates >= 500 },
    { label: "gets/s", goal: "≥ 3,000", value: gets, pass: gets >= 3000 },
    { label: "p99 mutating (create, update) ms", goal: "< 50", value: p99, pass: p99 < 50 },
    { label: "creates/s ÷ pgbench TPS (server default)", goal: "≥ 0.5", value: ratio, pass: ratio >= 0.5 },
    { label: "creates/s ÷ pgbench TPS (sync off, like for like)", goal: "≥ 0.5 (informational)", value: ratioOff, pass: ratioOff >= 0.5 },
  ];
}

/** The whole report as Markdown: machine, medians with every run's value, CPU shares, targets. */
export type ReportInput = { command: string; date: string; facts: MachineFacts; settings: string; results: RunResult[] };

export function renderReport(options: ReportInput): string {
  const { results } = options;
  const runs = results.map((r) => `run ${r.run}`);
  const perRun = results.map(metricsOf);
  const names = perRun[0]?.map(([name]) => name) ?? [];
  const metricRows = names.map((name, i) => {
    const values = perRun.map((m) => m[i]?.[1] ?? NaN);
    return [name, `**${fmt(median(values))}**`, ...values.map(fmt)];
  });
  const phases: PhaseName[] = ["creates", "gets", "lists", "updates", "learner-gets", "watch"];
  const cpuRows = phases.map((phase) => {
    const share = (key: Exclude<keyof CpuShares, "others">) => fmt(median(results.map((r) => r.phases[phase]?.cpu[key] ?? NaN)));
    const other = median(results.map((r) => {
      const outcome = r.phases[phase];
      return outcome ? foreignCpu(outcome) : NaN;
    }));
    const loop = fmt(median(results.map((r) => r.phases[phase]?.loopDelayP99Ms ?? NaN)));
    return [phase, share("server"), share("client"), share("postgres"), share("irq"), fmt(other), share("machine"), loop];
  });
  const noise = results.flatMap((r) =>
    phases.flatMap((phase) => {
      const others = r.phases[phase]?.cpu.others.filter((o) => Number(/(\d+)%$/.exec(o)?.[1] ?? 0) >= 10) ?? [];
      return others.length > 0 ? [`- run ${r.run}, ${phase}: ${others.join(", ")}`] : [];
    }),
  );
  const targetRows = targetsOf(results).map((t) => [t.label, t.goal, fmt(t.value), t.pass ? "PASS" : "FAIL"]);
  return [
    `# API benchmark`,
    "",
    `- command: \`${options.command}\``,
    `- date: ${options.date}`,
    `- settings: ${options.settings}`,
    "",
    "## Machine",
    "",
    table(["fact", "value"], Object.entries(options.facts).map(([k, v]) => [k, v.replaceAll("|", "\\|")])),
    "",
    `## Results (median of ${results.length} runs, then each run)`,
    "",
    table(["metric", "median", ...runs], metricRows),
    "",
    "## CPU during each phase (median, % of one core; 100 = one core busy)",
    "",
    table(["phase", "API server", "load generator", "postgres", "of which irq/softirq", "everything else", "machine busy", "server event-loop delay p99 ms"], cpuRows),
    "",
    "Other processes using ≥ 10% of a core during a phase (they compete for the same cores):",
    "",
    ...(noise.length > 0 ? noise : ["- none"]),
    "",
    `## Uncontended phases only (other processes < ${UNCONTENDED_PCT}% of a core during the phase)`,
    "",
    table(["phase", "runs", "req/s (median)", "p50 ms", "p99 ms", "API server CPU %"], uncontendedRows(results, fmt)),
    "",
    "## Targets (medians of all runs)",
    "",
    table(["target", "goal", "median", "result"], targetRows),
    "",
  ].join("\n");
}

/**
 * Namespace provisioning when a whole class joins at once: the "< 300 ms p95 for 200 learners" target.
 *
 *   npm run bench:provision -- [--runs 1] [--learners 200] [--warmup 10] [--warmup-wave 200]
 *                              [--arrive-over-ms 0] [--quiet-wait 10] [--profile DIR]
 *
 * `npm run bench:provision` runs it bundled, as production runs the server (bench/run-bundled.mjs); under tsx
 * (`npx tsx bench/provision-bench.ts`) the same code costs more CPU.
 *
 * Each run starts the real API server in-process over a fresh throwaway database (tests/support/api-server.ts),
 * creates an instructor, a classroom and N learner accounts beforehand, warms up with a few joins to another
 * classroom one at a time (their median is the cost of one join alone) and then a wave of --warmup-wave joins
 * to it at once (JIT and connection pools reach the state a running server is in; that first wave's p95 is
 * reported too, as the cost of a class arriving at a freshly started server), then starts all N joins at the
 * same moment (or spread evenly over --arrive-over-ms, like a class typing the code), each as the join route calls
 * it: joinClassroom(deps, learner, { inviteCode }). A join's latency runs from its call to its return, i.e. the
 * membership row written and the namespace ready with its bindings, quota and LimitRange. Afterwards every
 * namespace is checked to hold all its objects. Reports p50/p95/p99/max per join, the wall time of the wave,
 * CPU shares (this process = web + API server + Prisma; Postgres) and, over several runs, medians.
 */
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { InProcessClient } from "../lib/cluster/api/in-process-client";
import type { PlatformUser } from "../lib/server/auth/platform-user";
import { classroomDepsFor, type ClassroomDeps } from "../lib/server/classrooms/classroom-deps";
import { createClassroom } from "../lib/server/classrooms/create-classroom";
import { joinClassroom } from "../lib/server/classrooms/join-classroom";
import { createPrismaClient } from "../lib/server/db/prisma";
import { startTestApiServer } from "../tests/support/api-server";
import { cpuShares, cpuSnapshot, type CpuShares } from "./api-bench/cpu-sampler";
import { profilePhase } from "./api-bench/profiler";
import { waitForQuietMachine } from "./api-bench/quiet-machine";
import { median, percentile } from "./api-bench/stats";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    learners: { type: "string", default: "200" },
    warmup: { type: "string", default: "10" },
    "warmup-wave": { type: "string" },
    "quiet-wait": { type: "string", default: "10" },
    "arrive-over-ms": { type: "string", default: "0" },
    profile: { type: "string" },
  },
});
const count = (name: string, raw: string | undefined, min: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${raw}`);
  return n;
};
const runs = count("runs", values.runs, 1);
const learners = count("learners", values.learners, 1);
const warmup = count("warmup", values.warmup, 0);
const warmupWave = count("warmup-wave", values["warmup-wave"] ?? String(learners), 0);
const quietWaitMs = Number(values["quiet-wait"]) * 1000;
const arriveOverMs = Number(values["arrive-over-ms"]);
if (!(arriveOverMs >= 0)) throw new Error(`--arrive-over-ms must be a number of milliseconds, not ${values["arrive-over-ms"]}`);

type RunResult = { alone: number; firstWaveP95: number; p50: number; p95: number; p99: number; max: number; wallMs: number; errors: number; incomplete: number; cpu: CpuShares; quietBusy: number };

async function run(index: number): Promise<RunResult> {
  const server = await startTestApiServer();
  const prisma = createPrismaClient(server.databaseUrl);
  try {
    const deps = classroomDepsFor(server.running.api, prisma);
    const user = async (email: string, role: PlatformUser["role"]): Promise<PlatformUser> => {
      const u = await prisma.user.create({ data: { email, name: email, role } });
      return { id: u.id, email: u.email, name: u.name, role: u.role };
    };
    const teacher = await user("teacher@bench.local", "INSTRUCTOR");
    const classroom = await createClassroom(deps, teacher, { name: "Provisioning bench" });
    const warmClass = await createClassroom(deps, teacher, { name: "Warm-up" });
    await prisma.user.createMany({ data: Array.from({ length: learners + warmup + warmupWave }, (_, i) => ({ email: `learner-${i}@bench.local`, name: `Learner ${i}`, role: "LEARNER" as const })) });
    const everyone = (await prisma.user.findMany({ where: { role: "LEARNER" }, orderBy: { email: "asc" } })).map(
      (u): PlatformUser => ({ id: u.id, email: u.email, name: u.name, role: u.role }),
    );
    const [warmers, firstWave, wave] = [everyone.slice(0, warmup), everyone.slice(warmup, warmup + warmupWave), everyone.slice(warmup + warmupWave)];
    // One at a time: what a single join costs when nothing else is happening (the last half, once warm).
    const alone: number[] = [];
    for (const learner of warmers) {
      const t0 = performance.now();
      await joinClassroom(deps, learner, { inviteCode: warmClass.inviteCode });
      alone.push(performance.now() - t0);
    }
    const first = await joinAtOnce(deps, firstWave, warmClass.inviteCode);


    const quiet = await waitForQuietMachine(quietWaitMs, 15);
    const latencies: number[] = [];
    let errors = 0;
    const before = cpuSnapshot();
    const started = performance.now();
    const wave$ = () =>
      Promise.all(
        wave.map(async (learner, i) => {
          // Evenly spread arrivals with --arrive-over-ms (a class typing the code); all at once by default.
          if (arriveOverMs > 0) await new Promise((resolve) => setTimeout(resolve, (i * arriveOverMs) / wave.length));
          const t0 = performance.now();
          try {
            await joinClassroom(deps, learner, { inviteCode: classroom.inviteCode });
            latencies.push(performance.now() - t0);
          } catch (error) {
            errors++;
            if (errors <= 3) console.error(`join of ${learner.email} failed:`, error);
          }
        }),
      );
    if (values.profile) {
      mkdirSync(values.profile, { recursive: true });
      await profilePhase(values.profile, `provision-run${index}`, wave$);
    } else {
      await wave$();
    }
    const wallMs = performance.now() - started;
    const cpu = cpuShares(before, cpuSnapshot(), { pid: undefined, cpuMs: 0 });
    return {
      alone: median(alone.slice(Math.floor(alone.length / 2))),
      firstWaveP95: percentile(first, 95),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
      wallMs,
      errors,
      incomplete: await incompleteNamespaces(deps.cluster, classroom.slug, wave.length),
      cpu,
      quietBusy: quiet.busyPct,
    };
  } finally {
    await prisma.$disconnect();
    await server.stop();
  }
}

/** Join latencies of learners joining all at the same moment (the warm-up wave). */
async function joinAtOnce(deps: ClassroomDeps, wave: PlatformUser[], inviteCode: string): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    wave.map(async (learner) => {
      const t0 = performance.now();
      await joinClassroom(deps, learner, { inviteCode });
      latencies.push(performance.now() - t0);
    }),
  );
  return latencies;
}

/** Namespaces of the classroom missing any of their five objects (0 when every join really finished). */
async function incompleteNamespaces(cluster: InProcessClient, slug: string, expected: number): Promise<number> {
  const selector = { labelSelector: `kubeclass.io/classroom=${slug}` };
  const namespaces = (await cluster.list("/api/v1/namespaces", selector)).items.map((n) => n.metadata.name ?? "");
  const per = new Map<string, number>(namespaces.map((n) => [n, 0]));
  for (const [apiVersion, plural] of [["rbac.authorization.k8s.io/v1", "rolebindings"], ["v1", "resourcequotas"], ["v1", "limitranges"]] as const) {
    for (const item of (await cluster.list(InProcessClient.path(apiVersion, plural))).items) {
      const ns = item.metadata.namespace ?? "";
      if (per.has(ns)) per.set(ns, (per.get(ns) ?? 0) + 1);
    }
  }
  return expected - namespaces.length + [...per.values()].filter((n) => n !== 5).length;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "–");
const pct = (v: number) => v.toFixed(0);

const results: RunResult[] = [];
for (let i = 1; i <= runs; i++) {
  const result = await run(i);
  results.push(result);
  console.error(`run ${i}: p50 ${ms(result.p50)} ms, p95 ${ms(result.p95)} ms, p99 ${ms(result.p99)} ms, max ${ms(result.max)} ms, wall ${ms(result.wallMs)} ms, errors ${result.errors}, incomplete ${result.incomplete}`);
}

const med = (f: (r: RunResult) => number) => median(results.map(f));
const row = (name: string, f: (r: RunResult) => number, format: (v: number) => string = ms) =>
  `| ${name} | **${format(med(f))}** | ${results.map((r) => format(f(r))).join(" | ")} |`;
const p95 = med((r) => r.p95);
console.log(
  [
    `### Namespace provisioning: ${learners} learners join ${arriveOverMs > 0 ? `over ${arriveOverMs} ms` : "at once"}`,
    "",
    `\`${process.env.KUBECLASS_WORKER_BUNDLE ? "npm run bench:provision --" : "npx tsx bench/provision-bench.ts"} --runs ${runs} --learners ${learners} --warmup ${warmup} --warmup-wave ${warmupWave}${arriveOverMs > 0 ? ` --arrive-over-ms ${arriveOverMs}` : ""}\`, ${new Date().toISOString()}, node ${process.version}`,
    "",
    `| metric | median | ${results.map((_, i) => `run ${i + 1}`).join(" | ")} |`,
    `| --- | ---: | ${results.map(() => "---:").join(" | ")} |`,
    row("one join alone (sequential, warm), median ms", (r) => r.alone, (v) => (Number.isFinite(v) ? v.toFixed(1) : "–")),
    row(`warm-up wave p95 ms (${warmupWave} at once; in run 1 the first of the process, JIT cold)`, (r) => r.firstWaveP95),
    row("join p50 ms", (r) => r.p50),
    row("join p95 ms", (r) => r.p95),
    row("join p99 ms", (r) => r.p99),
    row("join max ms", (r) => r.max),
    row("wave wall time ms", (r) => r.wallMs),
    row("joins per second", (r) => (1000 * (learners - r.errors)) / r.wallMs),
    row("failed joins", (r) => r.errors, String),
    row("namespaces missing objects", (r) => r.incomplete, String),
    row("CPU ms per join: web + API server process", (r) => (r.cpu.server * r.wallMs) / 100 / learners, (v) => v.toFixed(2)),
    row("CPU ms per join: postgres", (r) => (r.cpu.postgres * r.wallMs) / 100 / learners, (v) => v.toFixed(2)),
    row("CPU: web + API server process, % of a core", (r) => r.cpu.server, pct),
    row("CPU: postgres, % of a core", (r) => r.cpu.postgres, pct),
    row("CPU: machine busy, % of a core", (r) => r.cpu.machine, pct),
    row("machine busy before the wave, % of a core", (r) => r.quietBusy, pct),
    "",
    `Other busy processes during the waves: ${[...new Set(results.flatMap((r) => r.cpu.others))].join(", ") || "none"}`,
    "",
    `Target: p95 < 300 ms → ${p95 < 300 ? "PASS" : "FAIL"} (median p95 ${ms(p95)} ms)`,
  ].join("\n"),
);

/**
 * The Check button under load: "a check result comes back in < 500 ms p95 for a namespace with 50 objects".
 *
 *   npm run bench:labs -- [--learners 40] [--waves 5] [--sequential 200] [--step rolling-update] [--quiet-wait 10]
 *
 * Runs bundled, as the server ships (bench/run-bundled.mjs). Starts the real API server in-process over a fresh
 * throwaway database (tests/support/api-server.ts), makes a classroom and N learners who join it (namespace,
 * bindings, quota), fills each learner's namespace with 50 objects (bench/labs-bench/lab-namespace.ts: the
 * Deployments lab half done: Deployments, ReplicaSets, Pods, Services, EndpointSlices, ConfigMaps, Events), gives
 * each 40 terminal commands of history, and opens the step for each (openStep: progress row, starter file).
 * Then it times checkStep(deps, learner, {labSlug: "deployments", stepId}) — what POST /api/labs/…/check calls:
 * every check of the step evaluated through the API as the platform, the attempt and progress written — first
 * one learner at a time (--sequential presses), then all N pressing Check at the same moment, --waves times.
 * No controller worker runs: the namespace holds still, as it does between a learner's commands.
 */
import { parseArgs } from "node:util";
import { InProcessClient } from "../lib/cluster/api/in-process-client";
import { platformUser as platformIdentity } from "../lib/server/apiserver/cluster-api";
import type { PlatformUser } from "../lib/server/auth/platform-user";
import { classroomDepsFor } from "../lib/server/classrooms/classroom-deps";
import { createClassroom } from "../lib/server/classrooms/create-classroom";
import { joinClassroom } from "../lib/server/classrooms/join-classroom";
import { createPrismaClient } from "../lib/server/db/prisma";
import { checkStep } from "../lib/server/labs/check-step";
import { labsDepsFor } from "../lib/server/labs/labs-deps";
import { openStep } from "../lib/server/labs/open-step";
import { startTestApiServer } from "../tests/support/api-server";
import { cpuShares, cpuSnapshot, type CpuShares } from "./api-bench/cpu-sampler";
import { waitForQuietMachine } from "./api-bench/quiet-machine";
import { percentile } from "./api-bench/stats";
import { fillLabNamespace } from "./labs-bench/lab-namespace";

const { values } = parseArgs({
  options: {
    learners: { type: "string", default: "40" },
    waves: { type: "string", default: "5" },
    sequential: { type: "string", default: "200" },
    step: { type: "string", default: "rolling-update" },
    "quiet-wait": { type: "string", default: "10" },
  },
});
const count = (name: string, raw: string | undefined, min: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${raw}`);
  return n;
};
const learners = count("learners", values.learners, 1);
const waves = count("waves", values.waves, 1);
const sequential = count("sequential", values.sequential, 1);
const stepId = values.step;
const quietWaitMs = Number(values["quiet-wait"]) * 1000;

type Phase = { latencies: number[]; wallMs: number; cpu: CpuShares; errors: number; passed: number };

const server = await startTestApiServer();
const prisma = createPrismaClient(server.databaseUrl);
try {
  const api = server.running.api;
  const labs = labsDepsFor(api, prisma, `${process.cwd()}/labs`);
  const classrooms = classroomDepsFor(api, prisma);
  const platform = new InProcessClient((request) => api.serve(request), platformIdentity);
  const teacher = await prisma.user.create({ data: { email: "teacher@bench.local", name: "Teacher", role: "INSTRUCTOR" } });
  const room = await createClassroom(classrooms, { ...teacher, role: "INSTRUCTOR" }, { name: "Labs bench" });
  const class_: PlatformUser[] = [];
  let objects = 0;
  const setupStarted = performance.now();
  for (let i = 0; i < learners; i++) {
    const u = await prisma.user.create({ data: { email: `learner-${i}@bench.local`, name: `Learner ${i}`, role: "LEARNER" } });
    const learner: PlatformUser = { id: u.id, email: u.email, name: u.name, role: "LEARNER" };
    const { namespace } = await joinClassroom(classrooms, learner, { inviteCode: room.inviteCode });
    objects += await fillLabNamespace(platform, namespace);
    await openStep(labs, learner, { labSlug: "deployments", stepId });
    // Terminal history: the lab so far, half of it before the step opened.
    const now = Date.now();
    await prisma.terminalCommand.createMany({
      data: Array.from({ length: 40 }, (_, k) => ({
        userId: learner.id,
        line: ["kubectl get pods", "kubectl apply -f deploy-v2.yml", "kubectl get rs", "kubectl rollout status deployment hello-deploy"][k % 4] ?? "",
        namespace,
        startedAt: new Date(now + (k - 20) * 1000),
      })),
    });
    class_.push(learner);
  }
  console.error(`set up ${learners} learners, ${objects / learners} objects each, in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

  const press = async (learner: PlatformUser, phase: Phase) => {
    const t0 = performance.now();
    try {
      const result = await checkStep(labs, learner, { labSlug: "deployments", stepId });
      phase.latencies.push(performance.now() - t0);
      if (result.passed) phase.passed++;
    } catch (error) {
      phase.errors++;
      if (phase.errors <= 3) console.error(`check for ${learner.email} failed:`, error);
    }
  };
  const measure = async (work: (phase: Phase) => Promise<void>): Promise<Phase> => {
    const phase: Phase = { latencies: [], wallMs: 0, cpu: undefined as unknown as CpuShares, errors: 0, passed: 0 };
    const before = cpuSnapshot();
    const t0 = performance.now();
    await work(phase);
    phase.wallMs = performance.now() - t0;
    phase.cpu = cpuShares(before, cpuSnapshot(), { pid: undefined, cpuMs: 0 });
    return phase;
  };

  // Warm-up: JIT, connection pools, the labs cache; not measured.
  for (const learner of class_.slice(0, 10)) await press(learner, { latencies: [], wallMs: 0, cpu: undefined as unknown as CpuShares, errors: 0, passed: 0 });
  const quiet = await waitForQuietMachine(quietWaitMs, 15);
  const alone = await measure(async (phase) => {
    for (let i = 0; i < sequential; i++) await press(class_[i % class_.length]!, phase);
  });
  const atOnce = await measure(async (phase) => {
    for (let w = 0; w < waves; w++) await Promise.all(class_.map((learner) => press(learner, phase)));
  });

  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const rows = (name: string, p: Phase, presses: number) => [
    `| ${name}: p50 / p95 / p99 / max ms | ${f(percentile(p.latencies, 50))} / **${f(percentile(p.latencies, 95))}** / ${f(percentile(p.latencies, 99))} / ${f(percentile(p.latencies, 100))} |`,
    `| ${name}: checks timed, errors, passed | ${p.latencies.length}, ${p.errors}, ${p.passed} |`,
    `| ${name}: wall s, checks per second | ${(p.wallMs / 1000).toFixed(1)}, ${((1000 * presses) / p.wallMs).toFixed(0)} |`,
    `| ${name}: CPU % of a core (server process / postgres / machine) | ${p.cpu.server.toFixed(0)} / ${p.cpu.postgres.toFixed(0)} / ${p.cpu.machine.toFixed(0)} |`,
    `| ${name}: CPU ms per check (server process / postgres) | ${((p.cpu.server * p.wallMs) / 100 / presses).toFixed(2)} / ${((p.cpu.postgres * p.wallMs) / 100 / presses).toFixed(2)} |`,
  ];
  const worstP95 = Math.max(percentile(alone.latencies, 95), percentile(atOnce.latencies, 95));
  console.log(
    [
      `### Lab check: ${learners} learners, ${objects / learners} objects per namespace, step deployments/${stepId}`,
      "",
      `\`npm run bench:labs -- --learners ${learners} --waves ${waves} --sequential ${sequential} --step ${stepId}\`, ${new Date().toISOString()}, node ${process.version}`,
      "",
      "| metric | value |",
      "| --- | ---: |",
      ...rows("one at a time", alone, sequential),
      ...rows(`${learners} at once × ${waves}`, atOnce, learners * waves),
      `| machine busy before measuring, % of a core | ${quiet.busyPct.toFixed(0)} |`,
      "",
      `Other busy processes: ${[...new Set([...alone.cpu.others, ...atOnce.cpu.others])].join(", ") || "none"}`,
      "",
      `Target: p95 < 500 ms → ${worstP95 < 500 ? "PASS" : "FAIL"} (worst p95 ${f(worstP95)} ms)`,
    ].join("\n"),
  );
} finally {
  await prisma.$disconnect();
  await server.stop();
}

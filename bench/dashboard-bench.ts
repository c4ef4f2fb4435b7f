/**
 * The classroom dashboard under a class: "loads in < 1 s for 100 learners and stays live with 100 learners active".
 *
 *   npm run bench:dashboard -- [--learners 100] [--loads 30] [--seconds 30] [--min-gap 2] [--max-gap 5] [--quiet-wait 10]
 *
 * Runs bundled, as the server ships (bench/run-bundled.mjs). Starts the real API server in-process over a fresh
 * throwaway database (tests/support/api-server.ts) and seeds a classroom (dashboard-bench/seed-class.ts: N learners
 * joined through the real platform code, each with progress, check attempts, commands, pods, submissions).
 *
 * (a) Load: times classroomDashboard(deps, teacher, id) — the server function the dashboard page renders from
 *     (roster, heatmap, insights: every database statement and both cluster lists) — --loads times, one at a time,
 *     after a warm-up. The page's React render and HTTP are not in it.
 * (b) Live: a socket.io server with the real `/classroom-live` namespace (session cookie checked as the web does)
 *     and one instructor socket subscribed. For --seconds every learner acts every --min-gap…--max-gap s as the
 *     terminal and the checker do: the row is written (TerminalCommand, or a failing CheckAttempt every 4th time)
 *     and the event emitted on the process's activity bus. Latency runs from the emit to the arrival at the
 *     instructor's socket of the first row of that learner reflecting it (lastActivityAt ≥ the event's time).
 *     The socket client runs in this process (it shares the event loop with the server: latencies include that).
 * CPU shares of this process and Postgres per phase. Markdown for bench/RESULTS.md on stdout, progress on stderr.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import type { RosterRow } from "../lib/instructor/dashboard-types";
import { sessionUserFromCookieHeader } from "../lib/server/auth/session-user";
import { createPrismaClient } from "../lib/server/db/prisma";
import { classroomDashboard, learnerRows } from "../lib/server/instructor/classroom-dashboard";
import { labsDepsFor } from "../lib/server/labs/labs-deps";
import { activityBus } from "../lib/server/realtime/activity-bus";
import { attachClassroomLiveNamespace, type Ack } from "../lib/server/realtime/classroom-live-namespace";
import { startTestApiServer } from "../tests/support/api-server";
import { cpuShares, cpuSnapshot, type CpuShares } from "./api-bench/cpu-sampler";
import { waitForQuietMachine } from "./api-bench/quiet-machine";
import { percentile } from "./api-bench/stats";
import { seedClass } from "./dashboard-bench/seed-class";

const { values } = parseArgs({
  options: {
    learners: { type: "string", default: "100" },
    loads: { type: "string", default: "30" },
    seconds: { type: "string", default: "30" },
    "min-gap": { type: "string", default: "2" },
    "max-gap": { type: "string", default: "5" },
    "quiet-wait": { type: "string", default: "10" },
  },
});
const number = (name: keyof typeof values, min: number) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, not ${String(values[name])}`);
  return n;
};
const learnerCount = number("learners", 1);
const loads = number("loads", 1);
const seconds = number("seconds", 1);
const minGapMs = number("min-gap", 0.1) * 1000;
const maxGapMs = Math.max(minGapMs, number("max-gap", 0.1) * 1000);
const quietWaitMs = number("quiet-wait", 0) * 1000;
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = await startTestApiServer();
const prisma = createPrismaClient(server.databaseUrl);
const http = createServer();
const io = new Server(http, { serveClient: false });
let stopLive = () => undefined as void;
try {
  const api = server.running.api;
  const deps = labsDepsFor(api, prisma, `${process.cwd()}/labs`);
  const labs = [...(await deps.labs())];
  const setupStarted = performance.now();
  const seeded = await seedClass(api, prisma, labs, learnerCount);
  const counts = await Promise.all([prisma.labProgress.count(), prisma.checkAttempt.count(), prisma.terminalCommand.count(), prisma.submission.count(), prisma.auditEvent.count()]);
  log(`seeded ${learnerCount} learners in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s: ${counts.join(" / ")} progress / attempts / commands / submissions / audit rows`);

  // (a) Load.
  for (let i = 0; i < 3; i++) await classroomDashboard(deps, seeded.teacher, seeded.classroomId);
  const quietLoad = await waitForQuietMachine(quietWaitMs, 15);
  const loadTimes: number[] = [];
  let sample = await classroomDashboard(deps, seeded.teacher, seeded.classroomId);
  const loadBefore = cpuSnapshot();
  const loadStarted = performance.now();
  for (let i = 0; i < loads; i++) {
    const t0 = performance.now();
    sample = await classroomDashboard(deps, seeded.teacher, seeded.classroomId);
    loadTimes.push(performance.now() - t0);
  }
  const loadWall = performance.now() - loadStarted;
  const loadCpu = cpuShares(loadBefore, cpuSnapshot(), { pid: undefined, cpuMs: 0 });
  const colours = sample.rows.reduce<Record<string, number>>((acc, r) => ((acc[r.status.colour] = (acc[r.status.colour] ?? 0) + 1), acc), {});
  log(`dashboard: ${sample.rows.length} rows, ${sample.columns.length} heatmap columns, ${sample.insights.length} insight steps, colours ${JSON.stringify(colours)}`);

  // One learner's row, as the live namespace recomputes it on an event (sequential, no contention).
  const rowTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await learnerRows(deps, seeded.classroomId, { userId: seeded.learners[i % seeded.learners.length]!.id });
    rowTimes.push(performance.now() - t0);
  }

  // (b) Live.
  const secret = randomBytes(32).toString("base64url");
  const cookieName = "next-auth.session-token";
  stopLive = attachClassroomLiveNamespace(io, {
    prisma,
    dashboard: () => Promise.resolve(deps),
    resolveUser: (cookie) => sessionUserFromCookieHeader(cookie, { prisma, secret, cookieName }),
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const cookie = `${cookieName}=${await encode({ token: { sub: seeded.teacher.id, sessionVersion: 0 }, secret })}`;
  const socket = connect(`${url}/classroom-live`, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => (socket.on("connect", resolve), socket.on("connect_error", reject)));
  const ack = await new Promise<Ack>((resolve) => socket.emit("subscribe", { classroomId: seeded.classroomId }, resolve));
  if (!("ok" in ack)) throw new Error(`subscribe refused: ${ack.error}`);

  type Pending = { atMs: number; t0: number };
  const pending = new Map<string, Pending[]>();
  const latencies: number[] = [];
  const rowsBy = new Map<string, number>();
  let rowsReceived = 0;
  socket.on("learner", ({ row }: { row: RosterRow }) => {
    const t = performance.now();
    rowsReceived++;
    rowsBy.set(row.userId, (rowsBy.get(row.userId) ?? 0) + 1);
    const seen = row.lastActivityAt ? new Date(row.lastActivityAt).getTime() : 0;
    const list = pending.get(row.userId) ?? [];
    const still = list.filter((p) => {
      if (p.atMs > seen) return true;
      latencies.push(t - p.t0);
      return false;
    });
    pending.set(row.userId, still);
  });

  let events = 0;
  let writeErrors = 0;
  const stepOf = new Map((await prisma.labProgress.findMany({ where: { status: "IN_PROGRESS" }, select: { userId: true, labSlug: true, stepId: true } })).map((p) => [p.userId, p]));
  // Each event gets its own millisecond per learner, so "reflects this event" is exact.
  const lastAt = new Map<string, number>();
  const act = async (learner: (typeof seeded.learners)[number], k: number) => {
    const atMs = Math.max(Date.now(), (lastAt.get(learner.id) ?? 0) + 1);
    lastAt.set(learner.id, atMs);
    const at = new Date(atMs);
    const step = stepOf.get(learner.id);
    try {
      if (k % 4 === 3 && step) {
        const results = [{ id: "replicas", passed: false, message: "Deployment web has 1 ready replica, want 3" }];
        await prisma.checkAttempt.create({ data: { ...step, userId: learner.id, namespace: learner.namespace, passed: false, results, createdAt: at } });
        (pending.get(learner.id) ?? pending.set(learner.id, []).get(learner.id)!).push({ atMs, t0: performance.now() });
        activityBus.emit({ kind: "check", userId: learner.id, labSlug: step.labSlug, stepId: step.stepId, passed: false, results, at });
      } else {
        await prisma.terminalCommand.create({ data: { userId: learner.id, line: "kubectl get pods", namespace: learner.namespace, exitCode: 0, startedAt: at, finishedAt: at } });
        (pending.get(learner.id) ?? pending.set(learner.id, []).get(learner.id)!).push({ atMs, t0: performance.now() });
        activityBus.emit({ kind: "command", userId: learner.id, namespace: learner.namespace, line: "kubectl get pods", exitCode: 0, at });
      }
      events++;
    } catch (error) {
      if (++writeErrors <= 3) log(`activity write failed: ${String(error)}`);
    }
  };
  const gap = () => minGapMs + Math.random() * (maxGapMs - minGapMs);
  await waitForQuietMachine(quietWaitMs, 15);
  const liveBefore = cpuSnapshot();
  const liveStarted = performance.now();
  const endAt = liveStarted + seconds * 1000;
  await Promise.all(
    seeded.learners.map(async (learner) => {
      await sleep(Math.random() * maxGapMs);
      for (let k = 0; performance.now() < endAt; k++) {
        await act(learner, k);
        await sleep(gap());
      }
    }),
  );
  const liveWall = performance.now() - liveStarted;
  const liveCpu = cpuShares(liveBefore, cpuSnapshot(), { pid: undefined, cpuMs: 0 });
  // Let the last coalesced rows arrive.
  const drainUntil = performance.now() + 5000;
  while ([...pending.values()].some((l) => l.length > 0) && performance.now() < drainUntil) await sleep(50);
  const undelivered = [...pending.values()].reduce((n, l) => n + l.length, 0);
  const learnersUpdated = seeded.learners.filter((l) => (rowsBy.get(l.id) ?? 0) > 0).length;
  socket.close();

  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const cpuRow = (name: string, cpu: CpuShares) => `| ${name}: CPU % of a core (this process / postgres / machine) | ${cpu.server.toFixed(0)} / ${cpu.postgres.toFixed(0)} / ${cpu.machine.toFixed(0)} |`;
  const loadP95 = percentile(loadTimes, 95);
  const liveP95 = percentile(latencies, 95);
  const pass = loadP95 < 1000 && undelivered === 0 && learnersUpdated === learnerCount && liveP95 < 1000;
  console.log(
    [
      `### Classroom dashboard: ${learnerCount} learners`,
      "",
      `\`npm run bench:dashboard -- --learners ${learnerCount} --loads ${loads} --seconds ${seconds} --min-gap ${minGapMs / 1000} --max-gap ${maxGapMs / 1000}\`, ${new Date().toISOString()}, node ${process.version}`,
      "",
      `Seeded: ${counts[0]} progress rows, ${counts[1]} check attempts, ${counts[2]} commands, ${counts[3]} submissions, ${counts[4]} audit rows; ${sample.columns.length} heatmap columns; colours ${JSON.stringify(colours)}.`,
      "",
      "| metric | value |",
      "| --- | ---: |",
      `| load (classroomDashboard): p50 / p95 / max ms | ${f(percentile(loadTimes, 50))} / **${f(loadP95)}** / ${f(percentile(loadTimes, 100))} |`,
      `| load: runs, CPU ms per load (this process / postgres) | ${loads}, ${((loadCpu.server * loadWall) / 100 / loads).toFixed(1)} / ${((loadCpu.postgres * loadWall) / 100 / loads).toFixed(1)} |`,
      cpuRow("load", loadCpu),
      `| one learner's row (learnerRows), alone: p50 / p95 ms | ${f(percentile(rowTimes, 50))} / ${f(percentile(rowTimes, 95))} |`,
      `| live: events emitted (per second) | ${events} (${((1000 * events) / liveWall).toFixed(1)}) |`,
      `| live: rows received (per second) | ${rowsReceived} (${((1000 * rowsReceived) / liveWall).toFixed(1)}) |`,
      `| live: event → row at the socket p50 / p95 / p99 / max ms | ${f(percentile(latencies, 50))} / **${f(liveP95)}** / ${f(percentile(latencies, 99))} / ${f(percentile(latencies, 100))} |`,
      `| live: learners whose rows arrived, events never reflected | ${learnersUpdated} of ${learnerCount}, ${undelivered} |`,
      cpuRow("live", liveCpu),
      `| machine busy before the load phase, % of a core | ${quietLoad.busyPct.toFixed(0)} |`,
      "",
      `Other busy processes: ${[...new Set([...loadCpu.others, ...liveCpu.others])].join(", ") || "none"}`,
      "",
      `Targets: load p95 < 1000 ms; live: every learner's updates arrive, p95 < 1000 ms → ${pass ? "PASS" : "FAIL"}`,
    ].join("\n"),
  );
} finally {
  stopLive();
  await io.close();
  await prisma.$disconnect();
  await server.stop();
}

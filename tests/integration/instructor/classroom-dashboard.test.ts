import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { RosterRow } from "@/lib/instructor/dashboard-types";
import { platformUser as platformIdentity } from "@/lib/server/apiserver/cluster-api";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom, type CreatedClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { classroomDashboard } from "@/lib/server/instructor/classroom-dashboard";
import type { DashboardDeps } from "@/lib/server/instructor/classroom-dashboard";
import { checkStep } from "@/lib/server/labs/check-step";
import { labsDepsFor, type LabsDeps } from "@/lib/server/labs/labs-deps";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";
import { activityBus } from "@/lib/server/realtime/activity-bus";
import { attachClassroomLiveNamespace, type Ack } from "@/lib/server/realtime/classroom-live-namespace";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { failure, platformUser } from "../classrooms/classroom-support";
import { socketSessions } from "../../support/socket-sessions";

// Issue 8's classroom dashboard against the real API server, Postgres and socket.io: the roster (current step,
// progress, last activity, failing checks, quota, colour), heatmap and insights; the page refused to learners,
// other classrooms' instructors and anonymous visitors; and /classroom-live pushing rows only to the
// classroom's instructors, from the real check path and the API audit.

const shared: { user?: PlatformUser; deps?: DashboardDeps } = {};
vi.mock("@/lib/server/auth/current-user", () => ({
  currentUser: () => Promise.resolve(shared.user),
  requireUser: () => {
    if (!shared.user) throw Object.assign(new Error("Sign in first."), { name: "Unauthenticated" });
    return Promise.resolve(shared.user);
  },
}));
vi.mock("@/lib/server/instructor/instructor-deps", () => ({ instructorDeps: () => Promise.resolve(shared.deps!) }));
const { default: DashboardPage } = await import("@/app/classrooms/[id]/dashboard/page");

const labYaml = `
slug: scale-lab
title: Scaling
chapter: { number: 98, name: Testing }
summary: Make and scale.
objectives: [Scale]
estimatedMinutes: 1
steps:
  - id: make
    title: Make it
    instructions: Create ConfigMap app.
    checks:
      - { id: cm-exists, type: objectExists, kind: ConfigMap, name: app, points: 1 }
  - id: scale
    title: Scale it
    instructions: Set data.replicas to 5.
    checks:
      - { id: cm-value, type: objectExists, kind: ConfigMap, name: app, fields: { data.replicas: "5" }, points: 2 }
`;

const { cookieFor, resolveUser } = socketSessions(() => prisma);

let server: TestApiServer;
let prisma: PrismaClient;
let deps: LabsDeps;
let labsDir: string;
let owner: PlatformUser;
let stranger: PlatformUser;
let admin: PlatformUser;
let jane: PlatformUser;
let joe: PlatformUser;
let ann: PlatformUser;
let sam: PlatformUser;
let k8s: CreatedClassroom;
let other: CreatedClassroom;
const ns: Record<string, string> = {};
let http: HttpServer;
let io: Server;
let url: string;
let stopLive: () => void;
const sockets: Socket[] = [];
const now = () => new Date();
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  labsDir = mkdtempSync(join(tmpdir(), "kubeclass-dash-"));
  mkdirSync(join(labsDir, "98-scale"));
  writeFileSync(join(labsDir, "98-scale", "lab.yaml"), labYaml);
  deps = labsDepsFor(server.running.api, prisma, labsDir, now);
  shared.deps = deps;
  const classrooms = classroomDepsFor(server.running.api, prisma);
  owner = await platformUser(prisma, "owner@dash.test", "INSTRUCTOR");
  stranger = await platformUser(prisma, "stranger@dash.test", "INSTRUCTOR");
  admin = await platformUser(prisma, "admin@dash.test", "ADMIN");
  const learners = await Promise.all(["jane", "joe", "ann", "sam"].map((n) => platformUser(prisma, `${n}@dash.test`, "LEARNER")));
  [jane, joe, ann, sam] = learners as [PlatformUser, PlatformUser, PlatformUser, PlatformUser];
  k8s = await createClassroom(classrooms, owner, { name: "Dash 101" });
  other = await createClassroom(classrooms, stranger, { name: "Other" });
  for (const learner of [jane!, joe!, ann!]) ns[learner.id] = (await joinClassroom(classrooms, learner, { inviteCode: k8s.inviteCode })).namespace;
  ns[sam!.id] = (await joinClassroom(classrooms, sam!, { inviteCode: other.inviteCode })).namespace;
  await prisma.assignment.create({ data: { classroomId: k8s.id, labSlug: "scale-lab", title: "Scale", opensAt: minutesAgo(600), dueAt: minutesAgo(-600), createdById: owner.id } });

  // Jane: passed "make", failing "scale" three times in a row on the same check → amber.
  await prisma.labProgress.create({ data: { userId: jane!.id, labSlug: "scale-lab", stepId: "make", status: "PASSED", updatedAt: minutesAgo(9) } });
  await prisma.labProgress.create({ data: { userId: jane!.id, labSlug: "scale-lab", stepId: "scale", status: "IN_PROGRESS" } });
  for (let i = 3; i >= 1; i--) {
    await prisma.checkAttempt.create({
      data: { userId: jane!.id, labSlug: "scale-lab", stepId: "scale", namespace: ns[jane!.id]!, passed: false, results: [{ id: "cm-value", passed: false, message: `ConfigMap app has data.replicas "${i}", want "5"` }], createdAt: minutesAgo(i) },
    });
  }
  // Joe: working on "make", a crashing pod in his namespace → red.
  await prisma.labProgress.create({ data: { userId: joe!.id, labSlug: "scale-lab", stepId: "make", status: "IN_PROGRESS" } });
  await prisma.checkAttempt.create({ data: { userId: joe!.id, labSlug: "scale-lab", stepId: "make", namespace: ns[joe!.id]!, passed: false, results: [{ id: "cm-exists", passed: false, message: "ConfigMap app not found" }] } });
  await prisma.terminalCommand.create({ data: { userId: joe!.id, line: "kubectl get pods", startedAt: minutesAgo(0.5) } });
  const platform = new InProcessClient((request) => server.running.api.serve(request), platformIdentity);
  const podPath = InProcessClient.path("v1", "pods", ns[joe!.id]);
  await platform.create(podPath, { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx:nope" }] } });
  const created = await platform.get(`${podPath}/web`);
  await platform.update(`${podPath}/web/status`, { ...created, status: { phase: "Pending", containerStatuses: [{ name: "web", ready: false, restartCount: 0, image: "nginx:nope", imageID: "", state: { waiting: { reason: "ImagePullBackOff" } } }] } });
  // Ann: never started.

  http = createServer();
  io = new Server(http, { serveClient: false });
  stopLive = attachClassroomLiveNamespace(io, {
    prisma,
    dashboard: () => Promise.resolve(deps),
    resolveUser,
    throttleMs: 100,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  stopLive?.();
  await io?.close();
  await prisma?.$disconnect();
  await server?.stop();
  if (labsDir) rmSync(labsDir, { recursive: true, force: true });
});

describe("the classroom dashboard", () => {
  it("shows each learner's step, progress, activity, failing checks, quota and colour", async () => {
    const dash = await classroomDashboard(deps, owner, k8s.id);
    const row = (u: PlatformUser) => dash.rows.find((r) => r.userId === u.id)!;
    expect(dash.rows.map((r) => r.email)).toEqual([jane.email, joe.email, ann.email]);
    expect(row(jane)).toMatchObject({
      current: { labSlug: "scale-lab", stepId: "scale", stepTitle: "Scale it", status: "failing" },
      progress: { passed: 1, total: 2 },
      assigned: [{ labSlug: "scale-lab", passed: 1, total: 2 }],
      failingChecks: [{ id: "cm-value", message: 'ConfigMap app has data.replicas "1", want "5"' }],
      failStreak: 3,
      status: { colour: "amber" },
      cells: { "scale-lab/make": "passed", "scale-lab/scale": "failing" },
    });
    expect(row(joe)).toMatchObject({ status: { colour: "red", reason: "Pod web: ImagePullBackOff" }, podProblems: ["web: ImagePullBackOff"], failStreak: 1 });
    expect(row(joe).quota[0]).toMatchObject({ resource: "pods", used: "1", hard: "30" });
    expect(Date.now() - new Date(row(joe).lastActivityAt!).getTime()).toBeLessThan(60_000);
    expect(row(ann)).toMatchObject({ current: null, progress: { passed: 0, total: 0 }, status: { colour: "grey", reason: "Not started" }, cells: {} });
    expect(dash.columns.map((c) => c.key)).toEqual(["scale-lab/make", "scale-lab/scale"]);
    expect(dash.insights.map((i) => [i.key, i.learnersTried, i.checks.map((c) => [c.checkId, c.learners, c.failures])])).toEqual([
      ["scale-lab/make", 1, [["cm-exists", 1, 1]]],
      ["scale-lab/scale", 1, [["cm-value", 1, 3]]],
    ]);
  });

  it("reads with the same number of statements for more learners (no query per learner)", async () => {
    const counted = (n: { count: number }) =>
      prisma.$extends({ query: { $allOperations: ({ args, query }) => (n.count++, query(args)) } }) as unknown as PrismaClient;
    const before = { count: 0 };
    await classroomDashboard({ ...deps, prisma: counted(before) }, owner, k8s.id);
    const extra = await platformUser(prisma, "extra@dash.test", "LEARNER");
    await joinClassroom(classroomDepsFor(server.running.api, prisma), extra, { inviteCode: k8s.inviteCode });
    await prisma.labProgress.create({ data: { userId: extra.id, labSlug: "scale-lab", stepId: "make" } });
    const after = { count: 0 };
    await classroomDashboard({ ...deps, prisma: counted(after) }, owner, k8s.id);
    expect(before.count).toBeGreaterThan(3);
    expect(after.count).toBe(before.count);
    await prisma.membership.deleteMany({ where: { userId: extra.id } });
  });

  it("is for the classroom's instructors and admins only", async () => {
    expect((await classroomDashboard(deps, admin, k8s.id)).rows).toHaveLength(3);
    expect(await failure(classroomDashboard(deps, jane, k8s.id))).toBeInstanceOf(Forbidden);
    expect(await failure(classroomDashboard(deps, stranger, k8s.id))).toBeInstanceOf(Forbidden);
    expect(await failure(classroomDashboard(deps, owner, "nope"))).toBeInstanceOf(NotFound);
  });

  it("the page: not found for learners and other instructors, sign-in for anonymous visitors, rendered for the owner", async () => {
    const render = async (user: PlatformUser | undefined) => {
      shared.user = user;
      try {
        return { page: await DashboardPage({ params: Promise.resolve({ id: k8s.id }) }) };
      } catch (error) {
        return { digest: (error as { digest?: string }).digest ?? String(error) };
      }
    };
    expect(await render(jane)).toEqual({ digest: expect.stringMatching(/404/) as unknown });
    expect(await render(stranger)).toEqual({ digest: expect.stringMatching(/404/) as unknown });
    expect(await render(undefined)).toEqual({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin\?callbackUrl=/) as unknown });
    // A rendered React element, not a redirect or a not-found.
    expect((await render(owner)).page).toHaveProperty("props");
  });
});

type Tab = { socket: Socket; rows: RosterRow[]; waitForRow(userId: string, test?: (row: RosterRow) => boolean): Promise<RosterRow> };

async function tab(user: PlatformUser | undefined): Promise<Tab | { error: string }> {
  const socket = connect(`${url}/classroom-live`, { transports: ["websocket"], extraHeaders: user ? { cookie: await cookieFor(user) } : {}, reconnection: false, forceNew: true });
  sockets.push(socket);
  const rows: RosterRow[] = [];
  const waiters: (() => void)[] = [];
  socket.on("learner", ({ row }: { row: RosterRow }) => {
    rows.push(row);
    waiters.splice(0).forEach((w) => w());
  });
  const waitForRow = (userId: string, test: (row: RosterRow) => boolean = () => true) =>
    new Promise<RosterRow>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no row for ${userId}; got ${rows.map((r) => r.email).join(", ")}`)), 5000);
      const check = () => {
        const found = rows.find((r) => r.userId === userId && test(r));
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return new Promise((resolve) => {
    socket.on("connect", () => resolve({ socket, rows, waitForRow }));
    socket.on("connect_error", (error) => resolve({ error: error.message }));
  });
}

const subscribe = (t: Tab, classroomId: string) => new Promise<Ack>((resolve) => t.socket.emit("subscribe", { classroomId }, resolve));
const signedIn = async (user: PlatformUser) => {
  const t = await tab(user);
  if ("error" in t) throw new Error(t.error);
  return t;
};

describe("/classroom-live", () => {
  it("refuses anonymous sockets, and subscriptions from learners and other classrooms' instructors", async () => {
    expect(await tab(undefined)).toEqual({ error: "unauthorized" });
    const learner = await signedIn(jane);
    expect(await subscribe(learner, k8s.id)).toEqual({ error: "Only the instructors of this classroom can do that." });
    const otherTeacher = await signedIn(stranger);
    expect(await subscribe(otherTeacher, k8s.id)).toEqual({ error: "Only the instructors of this classroom can do that." });
    expect(await subscribe(otherTeacher, "missing")).toEqual({ error: "That classroom does not exist." });
    expect(await subscribe(otherTeacher, {} as string)).toEqual({ error: "Say which classroom to watch." });
    const teacher = await signedIn(owner);
    expect(await subscribe(teacher, k8s.id)).toEqual({ ok: true });
    activityBus.emit({ kind: "command", userId: jane.id, namespace: ns[jane.id]!, line: "kubectl get cm", exitCode: 0, at: new Date() });
    await teacher.waitForRow(jane.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nothing reached the refused sockets.
    expect(learner.rows).toEqual([]);
    expect(otherTeacher.rows).toEqual([]);
  });

  it("pushes a learner's new row from the real check path, and nothing for other classrooms' learners", async () => {
    const teacher = await signedIn(owner);
    const otherTeacher = await signedIn(stranger);
    expect(await subscribe(teacher, k8s.id)).toEqual({ ok: true });
    expect(await subscribe(otherTeacher, other.id)).toEqual({ ok: true });
    // Jane fixes her ConfigMap through the API as herself, then presses Check: the API audit and the checker
    // both emit on the process's activity bus.
    const janeClient = new InProcessClient((request) => server.running.api.serve(request), { username: jane.email, uid: jane.id, groups: ["system:authenticated"] });
    await janeClient.create(InProcessClient.path("v1", "configmaps", ns[jane.id]), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" }, data: { replicas: "5" } });
    const result = await checkStep(deps, jane, { labSlug: "scale-lab", stepId: "scale" });
    expect(result.passed).toBe(true);
    const row = await teacher.waitForRow(jane.id, (r) => r.current?.status === "passed");
    expect(row).toMatchObject({ progress: { passed: 2, total: 2 }, failingChecks: [], status: { colour: "green" }, cells: { "scale-lab/scale": "passed" } });
    // The other classroom's instructor heard nothing of Jane; Sam's activity goes to them only.
    activityBus.emit({ kind: "command", userId: sam.id, namespace: ns[sam.id]!, line: "ls", exitCode: 0, at: new Date() });
    await otherTeacher.waitForRow(sam.id);
    expect(otherTeacher.rows.every((r) => r.userId === sam.id)).toBe(true);
    expect(teacher.rows.some((r) => r.userId === sam.id)).toBe(false);
  });

  it("coalesces a burst of one learner's events into a few rows", async () => {
    const teacher = await signedIn(owner);
    expect(await subscribe(teacher, k8s.id)).toEqual({ ok: true });
    for (let i = 0; i < 50; i++) activityBus.emit({ kind: "command", userId: ann.id, namespace: ns[ann.id]!, line: `echo ${i}`, exitCode: 0, at: new Date() });
    await teacher.waitForRow(ann.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const annRows = teacher.rows.filter((r) => r.userId === ann.id);
    expect(annRows.length).toBeGreaterThanOrEqual(1);
    expect(annRows.length).toBeLessThanOrEqual(3);
    // The event counts as activity even before any row of it is stored: no longer "not started".
    expect(annRows.at(-1)!.status.colour).toBe("green");
  });
});

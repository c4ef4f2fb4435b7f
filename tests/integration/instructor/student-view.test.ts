import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { NamespaceGraph } from "@/lib/instructor/namespace-graph";
import type { TimelineEntry } from "@/lib/instructor/timeline-entry";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { addInstructor } from "@/lib/server/classrooms/add-instructor";
import { classroomDepsFor, type ClassroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom, type CreatedClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import type * as PrismaModule from "@/lib/server/db/prisma";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { learnerTimeline } from "@/lib/server/instructor/learner-timeline";
import { readNamespaceGraph } from "@/lib/server/instructor/namespace-graph";
import { requireWatchableLearner } from "@/lib/server/instructor/watchable-learner";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";
import { activityBus } from "@/lib/server/realtime/activity-bus";
import { attachWatchNamespace, type WatchAck } from "@/lib/server/realtime/watch-namespace";
import { prismaHistory } from "@/lib/server/terminal/prisma-history";
import { SessionRegistry } from "@/lib/server/terminal/session-registry";
import type { TerminalSession } from "@/lib/terminal/terminal-session";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { waitFor } from "../../support/processes";
import { clusterAs, failure, platformUser } from "../classrooms/classroom-support";
import { socketSessions } from "../../support/socket-sessions";

// Issue 8's student view against the real API server, Postgres and socket.io: who may watch whom, the timeline
// (terminal commands, audited API calls with their refusal messages, check attempts), the namespace graph, and
// the /watch namespace's graph/timeline/shadow streams, refused to learners and to other classrooms' instructors.

// The timeline route takes its user from the session and its database from the process; here both are this test's.
const shared: { user?: PlatformUser; prisma?: PrismaClient } = {};
vi.mock("@/lib/server/auth/current-user", () => ({
  requireUser: () => {
    if (!shared.user) throw Object.assign(new Error("Sign in first."), { name: "Unauthenticated" });
    return Promise.resolve(shared.user);
  },
}));
vi.mock("@/lib/server/db/prisma", async (original) => ({ ...(await original<typeof PrismaModule>()), prisma: () => shared.prisma! }));
const { GET: timelineRoute } = await import("@/app/api/classrooms/[id]/learners/[userId]/timeline/route");

const { cookieFor, resolveUser } = socketSessions(() => prisma);

let server: TestApiServer;
let prisma: PrismaClient;
let deps: ClassroomDeps;
let owner: PlatformUser;
let coTeacher: PlatformUser;
let otherTeacher: PlatformUser;
let jane: PlatformUser;
let joe: PlatformUser;
let outsider: PlatformUser;
let k8s: CreatedClassroom;
let other: CreatedClassroom;
let janeNs: string;
let http: HttpServer;
let io: Server;
let url: string;
let watch: ReturnType<typeof attachWatchNamespace>;
const registry = new SessionRegistry();
const sockets: Socket[] = [];

const podPath = (ns: string, name?: string) => InProcessClient.path("v1", "pods", ns, name);
const pod = (name: string, metadata: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, ...metadata }, spec: { containers: [{ name: "app", image: "nginx" }] } });

function fakeSession() {
  const listeners = new Set<(data: string) => void>();
  const inputs: string[] = [];
  const session: TerminalSession = {
    input: (data) => inputs.push(data),
    resize: () => undefined,
    onOutput: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: () => undefined,
  };
  return { session, inputs, emit: (data: string) => listeners.forEach((l) => l(data)) };
}

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  shared.prisma = prisma;
  deps = classroomDepsFor(server.running.api, prisma);
  owner = await platformUser(prisma, "owner@watch.test", "INSTRUCTOR");
  coTeacher = await platformUser(prisma, "co@watch.test", "INSTRUCTOR");
  otherTeacher = await platformUser(prisma, "other@watch.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@watch.test", "LEARNER");
  joe = await platformUser(prisma, "joe@watch.test", "LEARNER");
  outsider = await platformUser(prisma, "outsider@watch.test", "LEARNER");
  k8s = await createClassroom(deps, owner, { name: "Watched class" });
  other = await createClassroom(deps, otherTeacher, { name: "Other class" });
  await addInstructor(deps, owner, { classroomId: k8s.id, email: coTeacher.email });
  janeNs = (await joinClassroom(deps, jane, { inviteCode: k8s.inviteCode })).namespace;
  await joinClassroom(deps, joe, { inviteCode: k8s.inviteCode });
  await joinClassroom(deps, outsider, { inviteCode: other.inviteCode });

  http = createServer();
  io = new Server(http, { serveClient: false });
  watch = attachWatchNamespace(io, {
    prisma,
    api: () => Promise.resolve(server.running.api),
    sessions: registry,
    bus: activityBus,
    resolveUser,
    graphDebounceMs: 20,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  watch?.stop();
  await io?.close();
  await prisma?.$disconnect();
  await server?.stop();
});

describe("requireWatchableLearner", () => {
  it("lets the owner and a co-instructor watch a learner of the classroom", async () => {
    for (const actor of [owner, coTeacher]) {
      const watchable = await requireWatchableLearner(prisma, actor, k8s.id, jane.id);
      expect(watchable.learner).toEqual({ userId: jane.id, email: jane.email, name: jane.name, namespace: janeNs });
    }
  });

  it("refuses learners and other classrooms' instructors, and finds no learner outside the classroom", async () => {
    expect(await failure(requireWatchableLearner(prisma, joe, k8s.id, jane.id))).toBeInstanceOf(Forbidden);
    expect(await failure(requireWatchableLearner(prisma, jane, k8s.id, jane.id))).toBeInstanceOf(Forbidden);
    expect(await failure(requireWatchableLearner(prisma, otherTeacher, k8s.id, jane.id))).toBeInstanceOf(Forbidden);
    // Her own classroom's id does not stretch to a learner of another one, nor to a co-instructor.
    expect(await failure(requireWatchableLearner(prisma, otherTeacher, other.id, jane.id))).toBeInstanceOf(NotFound);
    expect(await failure(requireWatchableLearner(prisma, owner, k8s.id, coTeacher.id))).toBeInstanceOf(NotFound);
    expect(await failure(requireWatchableLearner(prisma, owner, "no-such-classroom", jane.id))).toBeInstanceOf(NotFound);
  });
});

describe("the namespace graph", () => {
  it("draws owners, slices, claims and ingress backends from the learner's namespace only", async () => {
    const platform = new InProcessClient((request) => server.running.api.serve(request), { username: "system:kubeclass:platform", uid: "p", groups: ["system:masters"] });
    const rs = await platform.create(InProcessClient.path("apps/v1", "replicasets", janeNs), {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web-abc" },
      spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    const ownerRef = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", uid: rs.metadata.uid, controller: true };
    await platform.create(podPath(janeNs), pod("web-abc-x1", { labels: { app: "web" }, ownerReferences: [ownerRef] }));
    await platform.create(InProcessClient.path("v1", "services", janeNs), { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
    await platform.create(InProcessClient.path("discovery.k8s.io/v1", "endpointslices", janeNs), {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "web-s1", labels: { "kubernetes.io/service-name": "web" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.0.0.1"], targetRef: { kind: "Pod", name: "web-abc-x1", namespace: janeNs } }],
    });
    await platform.create(InProcessClient.path("networking.k8s.io/v1", "ingresses", janeNs), {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "shop" },
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    });

    const graph = await readNamespaceGraph(server.running.api, janeNs);
    const edges = graph.edges.map((e) => `${e.from} -${e.relation}-> ${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        "ReplicaSet/web-abc -owns-> Pod/web-abc-x1",
        "Service/web -selects-> EndpointSlice/web-s1",
        "EndpointSlice/web-s1 -targets-> Pod/web-abc-x1",
        "Ingress/shop -routes-> Service/web",
      ]),
    );
    expect(graph.nodes.find((n) => n.id === "Pod/web-abc-x1")).toMatchObject({ phase: "Pending", health: "progressing", status: "Pending 0/1" });
    // Joe's namespace stays out of Jane's graph.
    const joeNs = (await prisma.membership.findFirstOrThrow({ where: { userId: joe.id } })).namespace!;
    await clusterAs(server.running.api, joe).create(podPath(joeNs), pod("joes-pod"));
    expect((await readNamespaceGraph(server.running.api, janeNs)).nodes.some((n) => n.name === "joes-pod")).toBe(false);
  });
});

type Client = { socket: Socket; graphs: NamespaceGraph[]; timeline: TimelineEntry[]; shadow: { data: string; reset?: boolean }[] };

async function client(user: PlatformUser | undefined): Promise<Client | { error: string }> {
  const socket = connect(`${url}/watch`, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: user ? { cookie: await cookieFor(user) } : {} });
  sockets.push(socket);
  const c: Client = { socket, graphs: [], timeline: [], shadow: [] };
  socket.on("graph", (g: NamespaceGraph) => c.graphs.push(g));
  socket.on("timeline", (e: TimelineEntry) => c.timeline.push(e));
  socket.on("shadow", (s: { data: string; reset?: boolean }) => c.shadow.push(s));
  return new Promise((resolve) => {
    socket.on("connect", () => resolve(c));
    socket.on("connect_error", (error) => resolve({ error: error.message }));
  });
}

async function signedIn(user: PlatformUser): Promise<Client> {
  const c = await client(user);
  if ("error" in c) throw new Error(c.error);
  return c;
}

/** Waits for a condition on what a socket has received so far. */
const until = <T>(probe: () => T | undefined, what: string, timeoutMs: number) => waitFor(() => Promise.resolve(probe()), what, timeoutMs);

const ask = (c: Client, payload: unknown) => c.socket.timeout(5000).emitWithAck("watch", payload) as Promise<WatchAck>;

describe("the /watch namespace", () => {
  it("refuses sockets without a session", async () => {
    expect(await client(undefined)).toEqual({ error: "unauthorized" });
  });

  it("refuses learners, other classrooms' instructors and unknown learners, and sends them nothing", async () => {
    const janeShell = fakeSession();
    registry.add(jane.id, "jane-refusal-shell", janeShell.session, { output: () => undefined, closed: () => undefined });
    const cases: [PlatformUser, unknown, RegExp][] = [
      [jane, { classroomId: k8s.id, learnerId: jane.id }, /Only the instructors of this classroom/],
      [joe, { classroomId: k8s.id, learnerId: jane.id }, /Only the instructors of this classroom/],
      [outsider, { classroomId: other.id, learnerId: jane.id }, /Only the instructors of this classroom/],
      [otherTeacher, { classroomId: k8s.id, learnerId: jane.id }, /Only the instructors of this classroom/],
      [otherTeacher, { classroomId: other.id, learnerId: jane.id }, /not in this classroom/],
      [owner, { classroomId: k8s.id }, /Say which classroom and learner/],
    ];
    const clients: Client[] = [];
    for (const [user, payload, message] of cases) {
      const c = await signedIn(user);
      clients.push(c);
      expect(await ask(c, payload)).toEqual({ ok: false, error: expect.stringMatching(message) as unknown });
    }
    // Things happen to Jane meanwhile; none of it reaches a refused socket.
    janeShell.emit("secret output\r\n");
    await clusterAs(server.running.api, jane).create(podPath(janeNs), pod("while-refused"));
    activityBus.emit({ kind: "command", userId: jane.id, namespace: janeNs, line: "kubectl get pods", exitCode: 0, at: new Date() });
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const c of clients) expect({ graphs: c.graphs.length, timeline: c.timeline.length, shadow: c.shadow.length }).toEqual({ graphs: 0, timeline: 0, shadow: 0 });
    expect(watch.feeds.size).toBe(0);
    expect(registry.watcherCount(jane.id)).toBe(0);
    for (const c of clients) c.socket.close();
  });

  it("streams the learner's graph, timeline and terminal to their instructor, and stops when the instructor leaves", async () => {
    const shell = fakeSession();
    registry.add(jane.id, "jane-shell", shell.session, { output: () => undefined, closed: () => undefined });
    shell.emit("jane@kubeclass:~$ kubectl create deployment web --image=nginx\r\n");
    const listenersBefore = activityBus.size;

    const c = await signedIn(coTeacher);
    expect(await ask(c, { classroomId: k8s.id, learnerId: jane.id })).toEqual({ ok: true, learner: { name: jane.name, email: jane.email, namespace: janeNs } });
    // The shadow starts with what her terminal shows now.
    await until(() => (c.shadow[0] ? true : undefined), "the shadow replay", 5000);
    expect(c.shadow[0]).toEqual({ reset: true, data: expect.stringContaining("kubectl create deployment web") as unknown });
    const first = await until(() => c.graphs[0], "the first graph", 5000);
    expect(first.namespace).toBe(janeNs);
    expect(first.nodes.some((n) => n.id === "Pod/web-abc-x1")).toBe(true);

    // A new pod in her namespace is on the instructor's screen within a second.
    const before = c.graphs.length;
    const started = performance.now();
    await clusterAs(server.running.api, jane).create(podPath(janeNs), pod("new-pod"));
    await until(() => (c.graphs.slice(before).some((g) => g.nodes.some((n) => n.name === "new-pod")) ? true : undefined), "the new pod in the graph", 1000);
    expect(performance.now() - started).toBeLessThan(1000);

    // Her write is on the timeline as it happens; a classmate's command is not.
    await until(() => c.timeline.find((e) => e.kind === "api" && e.verb === "create" && e.name === "new-pod"), "the create on the timeline", 2000);
    const history = prismaHistory({ prisma, userId: jane.id, now: () => new Date(), namespace: () => Promise.resolve(janeNs), onError: (e) => console.error(e) });
    history.onCommand({ phase: "start", line: "kubectl scale deployment web --replicas=3" });
    history.onCommand({ phase: "end", line: "kubectl scale deployment web --replicas=3", exitCode: 0 });
    activityBus.emit({ kind: "command", userId: joe.id, namespace: null, line: "joe's command", exitCode: 0, at: new Date() });
    const command = await until(() => c.timeline.find((e) => e.kind === "command"), "the command on the timeline", 2000);
    expect(command).toMatchObject({ kind: "command", line: "kubectl scale deployment web --replicas=3", exitCode: 0, namespace: janeNs });
    expect(c.timeline.some((e) => e.kind === "command" && e.line === "joe's command")).toBe(false);
    // A refused read is a denial.
    await failure(clusterAs(server.running.api, jane).list(InProcessClient.path("v1", "secrets", "kube-system")));
    await until(() => c.timeline.find((e) => e.kind === "denial"), "the denial on the timeline", 2000);

    // Her terminal's output follows; the instructor cannot type into it (there is no such event).
    shell.emit("deployment.apps/web scaled\r\n");
    await until(() => (c.shadow.some((s) => s.data.includes("deployment.apps/web scaled")) ? true : undefined), "the shadow output", 2000);
    c.socket.emit("input", "rm -rf ~\r");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(shell.inputs).toEqual([]);

    c.socket.close();
    await until(() => (watch.feeds.size === 0 && registry.watcherCount(jane.id) === 0 && activityBus.size === listenersBefore ? true : undefined), "the watch to be cleaned up", 3000);
  });
});

describe("the timeline", () => {
  it("merges commands, writes, refusals with their messages and check attempts, newest first, and filters by time", async () => {
    const t0 = new Date();
    await clusterAs(server.running.api, jane).get(podPath(janeNs, "new-pod")); // a read: left out
    await clusterAs(server.running.api, jane).delete(podPath(janeNs, "new-pod"));
    await failure(clusterAs(server.running.api, jane).list(InProcessClient.path("v1", "secrets", "kube-system")));
    await prisma.auditEvent.create({
      data: { cluster: "default", username: jane.email, verb: "create", group: "", resource: "pods", subresource: "", namespace: janeNs, name: "", path: "/x", code: 403, latencyMs: 1, message: 'pods "big" is forbidden: exceeded quota: learner-quota, requested: pods=1' },
    });
    await prisma.checkAttempt.create({ data: { userId: jane.id, labSlug: "deployments", stepId: "scale", namespace: janeNs, passed: false, results: [{ id: "a", passed: false, message: "Deployment web has 1 ready replica" }] } });

    // The audit is written in batches (every 250 ms).
    const entries = await waitFor(async () => {
      const all = await learnerTimeline(prisma, owner, { classroomId: k8s.id, learnerId: jane.id, from: t0 });
      return all.some((e) => e.kind === "api" && e.verb === "delete") && all.some((e) => e.kind === "denial") ? all : undefined;
    }, "the audit rows", 5000);
    const kinds = entries.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["api", "denial", "quota", "check"]));
    expect(entries.some((e) => e.kind === "api" && e.verb === "get")).toBe(false);
    const denial = entries.find((e) => e.kind === "denial");
    expect(denial).toMatchObject({ code: 403, resource: "secrets", namespace: "kube-system", message: expect.stringContaining('cannot list resource "secrets"') as unknown });
    expect(entries.find((e) => e.kind === "check")).toMatchObject({ labSlug: "deployments", stepId: "scale", passed: false, failed: ["Deployment web has 1 ready replica"] });
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());

    // Everything so far, including the command recorded in the socket test, without a lower bound.
    const all = await learnerTimeline(prisma, owner, { classroomId: k8s.id, learnerId: jane.id });
    expect(all.some((e) => e.kind === "command" && e.line === "kubectl scale deployment web --replicas=3")).toBe(true);
    expect(await learnerTimeline(prisma, owner, { classroomId: k8s.id, learnerId: jane.id, from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await learnerTimeline(prisma, owner, { classroomId: k8s.id, learnerId: jane.id, limit: 2 })).toHaveLength(2);
    expect(await failure(learnerTimeline(prisma, joe, { classroomId: k8s.id, learnerId: jane.id }))).toBeInstanceOf(Forbidden);
  });

  it("the route answers instructors, and refuses learners, strangers and bad filters with a sentence", async () => {
    const call = (user: PlatformUser | undefined, query = "") => {
      shared.user = user;
      return timelineRoute(new Request(`http://localhost/api/classrooms/${k8s.id}/learners/${jane.id}/timeline${query}`), { params: Promise.resolve({ id: k8s.id, userId: jane.id }) });
    };
    const ok = await call(owner, "?limit=5");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { entries: unknown[] }).entries).toHaveLength(5);
    for (const [user, status] of [[jane, 403], [joe, 403], [otherTeacher, 403], [undefined, 401]] as const) {
      const refused = await call(user);
      expect(refused.status).toBe(status);
      expect(await refused.json()).toEqual({ error: expect.any(String) as unknown });
    }
    expect((await call(owner, "?from=yesterday")).status).toBe(400);
    expect((await call(owner, "?limit=100000")).status).toBe(400);
  });
});

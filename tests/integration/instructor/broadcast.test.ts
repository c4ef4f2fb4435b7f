import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import type * as PrismaModule from "@/lib/server/db/prisma";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { openUserTerminal } from "@/lib/server/terminal/open-user-terminal";
import { processTerminalSessions } from "@/lib/server/terminal/session-registry";
import { attachTerminalNamespace } from "@/lib/server/terminal/terminal-namespace";
import { openTerminalSession } from "@/lib/terminal/open-terminal-session";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";
import { platformUser } from "../classrooms/classroom-support";
import { socketSessions } from "../../support/socket-sessions";

// Issue 8's broadcast: an instructor's message reaches the open browser terminals (real shell, real /terminal
// sockets) of the classroom's learners and nobody else's, stays in the scrollback, greets a terminal opened soon
// after, and the route is refused to learners, other classrooms' instructors and anonymous callers.

// The route takes its user from the session and its database from the process; here both are this test's. Its
// terminals are the process's registry, which the /terminal namespace below serves.
const shared: { user?: PlatformUser; prisma?: PrismaClient } = {};
vi.mock("@/lib/server/auth/current-user", () => ({
  requireUser: () => {
    if (!shared.user) throw Object.assign(new Error("Sign in first."), { name: "Unauthenticated" });
    return Promise.resolve(shared.user);
  },
}));
vi.mock("@/lib/server/db/prisma", async (original) => ({ ...(await original<typeof PrismaModule>()), prisma: () => shared.prisma! }));
const { POST: broadcastRoute } = await import("@/app/api/classrooms/[id]/broadcast/route");

const { cookieFor, resolveUser } = socketSessions(() => prisma);

let database: ThrowawayDatabase;
let prisma: PrismaClient;
let http: HttpServer;
let io: Server;
let url: string;
let stop: () => void;
let owner: PlatformUser;
let coTeacher: PlatformUser;
let otherTeacher: PlatformUser;
let jane: PlatformUser;
let joe: PlatformUser;
let outsider: PlatformUser;
let classA: string;
let classB: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
  shared.prisma = prisma;
  owner = await platformUser(prisma, "ann@broadcast.test", "INSTRUCTOR");
  coTeacher = await platformUser(prisma, "co@broadcast.test", "INSTRUCTOR");
  otherTeacher = await platformUser(prisma, "other@broadcast.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@broadcast.test", "LEARNER");
  joe = await platformUser(prisma, "joe@broadcast.test", "LEARNER");
  outsider = await platformUser(prisma, "outsider@broadcast.test", "LEARNER");
  const classroom = async (name: string, ownerId: string, learners: [PlatformUser, string][], instructors: PlatformUser[] = []) => {
    const created = await prisma.classroom.create({ data: { name, slug: name.toLowerCase(), inviteCode: randomBytes(4).toString("hex").toUpperCase(), ownerId } });
    await prisma.membership.create({ data: { userId: ownerId, classroomId: created.id, role: "INSTRUCTOR" } });
    for (const user of instructors) await prisma.membership.create({ data: { userId: user.id, classroomId: created.id, role: "INSTRUCTOR" } });
    for (const [user, namespace] of learners) await prisma.membership.create({ data: { userId: user.id, classroomId: created.id, role: "LEARNER", namespace } });
    return created.id;
  };
  classA = await classroom("Alpha", owner.id, [[jane, "alpha-jane"], [joe, "alpha-joe"]], [coTeacher]);
  classB = await classroom("Beta", otherTeacher.id, [[outsider, "beta-outsider"]]);

  http = createServer();
  io = new Server(http, { serveClient: false });
  ({ stop } = attachTerminalNamespace(io, {
    registry: processTerminalSessions(),
    resolveUser,
    createSession: (user, size) =>
      openUserTerminal(
        { prisma, openSession: openTerminalSession, programs: () => ({ programs: {}, completers: {} }), serverUrl: "https://kubeclass.test:6443", now: () => new Date(), onError: (e) => console.error(e) },
        user,
        size,
      ),
  }));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  stop?.();
  await io?.close();
  await prisma?.$disconnect();
  await database?.drop();
});

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");

type Tab = { socket: Socket; sessionId: string; replay: string; screen(): string; waitFor(text: string): Promise<void> };

/** A browser terminal tab of `user`: a real socket on /terminal, opened (or re-attached to `sessionId`). */
async function terminalOf(user: PlatformUser, sessionId?: string): Promise<Tab> {
  const socket = connect(`${url}/terminal`, { transports: ["websocket"], extraHeaders: { cookie: await cookieFor(user) }, reconnection: false, forceNew: true });
  sockets.push(socket);
  let screen = "";
  const waiters: (() => void)[] = [];
  const add = (data: string) => {
    screen += data.replace(ansi, "").replace(/\r/g, "");
    waiters.splice(0).forEach((w) => w());
  };
  socket.on("output", add);
  const opened = await new Promise<{ sessionId: string; replay: string }>((resolve, reject) => {
    socket.on("connect_error", (error) => reject(error));
    socket.once("opened", (answer: { sessionId: string; replay: string }) => (add(answer.replay), resolve(answer)));
    socket.emit("open", { columns: 100, rows: 30, ...(sessionId ? { sessionId } : {}) });
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(text)} in ${JSON.stringify(screen)}`)), 5000);
      const check = () => (screen.includes(text) ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  const tab: Tab = { socket, ...opened, screen: () => screen, waitFor };
  await tab.waitFor("$ ");
  return tab;
}

async function broadcast(actor: PlatformUser | undefined, classroomId: string, body: unknown) {
  shared.user = actor;
  const request = new Request(`http://kubeclass.test/api/classrooms/${classroomId}/broadcast`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await broadcastRoute(request, { params: Promise.resolve({ id: classroomId }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("broadcast to the class terminals", () => {
  let janeTab: Tab;

  it("shows the message in a learner's open terminal, above the line she is typing, and in no other classroom's", async () => {
    janeTab = await terminalOf(jane);
    const outsiderTab = await terminalOf(outsider);
    janeTab.socket.emit("input", "echo hal");
    await janeTab.waitFor("$ echo hal");

    const sent = await broadcast(owner, classA, { message: "Stop here: step 3 together\n now" });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ learners: 2, terminals: 1 });

    // On a line of its own, marked as the instructor's, one line even though it was sent with a line break; the
    // prompt and what she had typed are drawn again under it.
    await janeTab.waitFor("📣 Instructor (ann): Stop here: step 3 together now\njane@kubeclass:~$ echo hal");
    // It was output only: her line goes on where it was and runs as she typed it.
    janeTab.socket.emit("input", "f\r");
    await janeTab.waitFor("\nhalf\n");

    await sleep(300);
    expect(outsiderTab.screen()).not.toContain("Stop here");
  });

  it("keeps it in the scrollback, so a reload shows it", async () => {
    const reloaded = await terminalOf(jane, janeTab.sessionId);
    expect(reloaded.sessionId).toBe(janeTab.sessionId);
    expect(reloaded.replay.replace(ansi, "")).toContain("📣 Instructor (ann): Stop here: step 3 together now");
  });

  it("greets a terminal a learner of the classroom opens afterwards, and not another classroom's", async () => {
    const joeTab = await terminalOf(joe);
    await joeTab.waitFor("📣 Instructor (ann): Stop here");
    const outsiderTab = await terminalOf(outsider);
    await sleep(300);
    expect(outsiderTab.screen()).not.toContain("Stop here");
  });

  it("refuses a second message within two seconds from the same instructor", async () => {
    const again = await broadcast(owner, classA, { message: "again" });
    expect(again.status).toBe(429);
    expect(again.body.error).toMatch(/wait two seconds/i);
  });

  it("refuses learners, other classrooms' instructors and anonymous callers, and reaches nobody", async () => {
    const outsiderTab = await terminalOf(outsider);
    for (const [actor, status] of [[jane, 403], [outsider, 403], [otherTeacher, 403], [undefined, 401]] as const) {
      const refused = await broadcast(actor, classA, { message: "hijacked" });
      expect(refused.status).toBe(status);
      expect(typeof refused.body.error).toBe("string");
    }
    // A learner cannot reach her own classroom's terminals through another classroom's id either.
    expect((await broadcast(outsider, classB, { message: "hijacked" })).status).toBe(403);
    expect((await broadcast(coTeacher, "no-such-classroom", { message: "x" })).status).toBe(404);
    await sleep(300);
    expect(janeTab.screen()).not.toContain("hijacked");
    expect(outsiderTab.screen()).not.toContain("hijacked");
  });

  it("says in one line what is wrong with a message", async () => {
    for (const body of [{ message: "" }, { message: "   \n " }, { message: "x".repeat(501) }, {}, { message: 42 }]) {
      const refused = await broadcast(coTeacher, classA, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe("Write a message of 1 to 500 characters.");
    }
    expect((await broadcast(coTeacher, classA, "{not json")).status).toBe(400);
    // 500 characters is still one message, from a co-instructor too.
    const longest = await broadcast(coTeacher, classA, { message: "y".repeat(500) });
    expect(longest.status).toBe(200);
    await janeTab.waitFor(`📣 Instructor (co): ${"y".repeat(500)}`);
  });
});

import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { sessionUserFromCookieHeader, type CookieSessionDeps } from "@/lib/server/auth/session-user";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { openUserTerminal } from "@/lib/server/terminal/open-user-terminal";
import { defaultRegistryOptions, SessionRegistry } from "@/lib/server/terminal/session-registry";
import { attachTerminalNamespace, MAX_INPUT_CHARS } from "@/lib/server/terminal/terminal-namespace";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";
import { standInShell } from "./stand-in-shell";

// The /terminal namespace end to end over a real socket.io server and Postgres, with a stand-in shell: who may
// connect, which sessions a user can reach, input → output, re-attaching with scrollback, the initial home and
// the command record.
let database: ThrowawayDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
let http: HttpServer;
let io: Server;
let url: string;
let stop: () => void;
let jane: PlatformUser;
let joe: PlatformUser;
const secret = randomBytes(32).toString("base64url");
const cookieName = "next-auth.session-token";
const sockets: Socket[] = [];
const cookieFor = async (user: PlatformUser) => `${cookieName}=${await encode({ token: { sub: user.id, sessionVersion: 0 }, secret })}`;

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
  const select = { id: true, email: true, name: true, role: true } as const;
  jane = await prisma.user.create({ data: { email: "jane.doe@example.org", name: "Jane", role: "LEARNER" }, select });
  joe = await prisma.user.create({ data: { email: "joe@example.org", name: "Joe", role: "LEARNER" }, select });
  const teacher = await prisma.user.create({ data: { email: "t@example.org", name: "T", role: "INSTRUCTOR" } });
  for (const [n, ns] of [[1, "jane-old"], [2, "jane-new"]] as const) {
    const classroom = await prisma.classroom.create({ data: { name: `C${n}`, slug: `c${n}`, inviteCode: `CODE000${n}`, ownerId: teacher.id } });
    await prisma.membership.create({ data: { userId: jane.id, classroomId: classroom.id, role: "LEARNER", namespace: ns, joinedAt: new Date(Date.UTC(2026, 0, n)) } });
  }
  const deps: CookieSessionDeps = { prisma, secret, cookieName };
  http = createServer();
  io = new Server(http, { serveClient: false });
  ({ stop } = attachTerminalNamespace(io, {
    registry: new SessionRegistry({ ...defaultRegistryOptions, maxPerUser: 2 }),
    resolveUser: (cookie) => sessionUserFromCookieHeader(cookie, deps),
    createSession: (user, size) =>
      openUserTerminal(
        { prisma, openSession: standInShell, programs: () => ({ programs: {}, completers: {} }), serverUrl: "https://kubeclass.test:6443", now: () => new Date(), onError: (e) => console.error(e) },
        user,
        size,
      ),
  }));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  stop();
  await io.close();
  await prisma.$disconnect();
  await database.drop();
});

type Tab = { socket: Socket; screen(): string; waitFor(text: string): Promise<void> };

function tab(headers: Record<string, string>): Promise<Tab | { error: string }> {
  const socket = connect(`${url}/terminal`, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  sockets.push(socket);
  let screen = "";
  const waiters: (() => void)[] = [];
  const changed = () => waiters.splice(0).forEach((w) => w());
  socket.on("output", (data: string) => {
    screen += data;
    changed();
  });
  socket.on("opened", ({ replay }: { replay: string }) => {
    screen += replay;
    changed();
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(text)} in ${JSON.stringify(screen)}`)), 5000);
      const check = () => (screen.includes(text) ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  return new Promise((resolve) => {
    socket.on("connect", () => resolve({ socket, screen: () => screen, waitFor }));
    socket.on("connect_error", (error) => resolve({ error: error.message }));
  });
}

async function signedIn(user: PlatformUser): Promise<Tab> {
  const t = await tab({ cookie: await cookieFor(user) });
  if ("error" in t) throw new Error(t.error);
  return t;
}

function open(t: Tab, payload: object): Promise<{ sessionId: string; replay: string }> {
  return new Promise((resolve) => {
    t.socket.once("opened", resolve);
    t.socket.emit("open", payload);
  });
}

describe("the /terminal namespace", () => {
  it("refuses sockets without a session, with a forged one, or from another site", async () => {
    expect(await tab({})).toEqual({ error: "unauthorized" });
    expect(await tab({ cookie: `${cookieName}=forged.forged.forged.forged.forged` })).toEqual({ error: "unauthorized" });
    expect(await tab({ cookie: await cookieFor(jane), origin: "https://evil.example" })).toEqual({ error: "unauthorized" });
  });

  let janeSession = "";

  it("opens a shell in the user's home with their kubeconfig, and relays input and output", async () => {
    const t = await signedIn(jane);
    const opened = await open(t, { columns: 100, rows: 30 });
    janeSession = opened.sessionId;
    expect(janeSession).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    await t.waitFor("jane-doe@kubeclass:~$ ");
    t.socket.emit("input", "echo hello there\r");
    await t.waitFor("hello there\r\n");
    t.socket.emit("input", "cat .kube/config\r");
    await t.waitFor("current-context: kubeclass");
    // Her most recently joined classroom's namespace, the API's URL, her e-mail, and no credentials.
    expect(t.screen()).toContain("namespace: jane-new");
    expect(t.screen()).toContain("server: https://kubeclass.test:6443");
    expect(t.screen()).toContain("user: jane.doe@example.org");
    expect(t.screen()).not.toMatch(/token|certificate/);
    t.socket.close();
  });

  it("re-attaches a reload to the same session with its scrollback", async () => {
    const t = await signedIn(jane);
    const opened = await open(t, { sessionId: janeSession, columns: 80, rows: 24 });
    expect(opened.sessionId).toBe(janeSession);
    expect(opened.replay).toContain("hello there");
    t.socket.emit("input", "echo again\r");
    await t.waitFor("again\r\n");
    t.socket.close();
  });

  it("never attaches another user to someone's session id: they get a new session of their own", async () => {
    const t = await signedIn(joe);
    const opened = await open(t, { sessionId: janeSession, columns: 80, rows: 24 });
    expect(opened.sessionId).not.toBe(janeSession);
    expect(opened.replay).not.toContain("hello there");
    await t.waitFor("joe@kubeclass:~$ ");
    t.socket.emit("input", "echo from joe\r");
    await t.waitFor("from joe\r\n");
    // Joe's home is his own, with a "default" namespace since he is in no classroom.
    t.socket.emit("input", "cat .kube/config\r");
    await t.waitFor("namespace: default");
    const janeAgain = await signedIn(jane);
    const mine = await open(janeAgain, { sessionId: janeSession, columns: 80, rows: 24 });
    expect(mine.replay).not.toContain("from joe");
    janeAgain.socket.close();
    t.socket.close();
  });

  it("ignores payloads that do not parse and keeps working", async () => {
    const t = await signedIn(jane);
    t.socket.emit("input", "echo before open\r");
    for (const bad of [null, 42, "x", { columns: "80", rows: 24 }, { columns: 80, rows: 24, sessionId: "../../etc" }, { columns: 1e9, rows: 1 }]) {
      t.socket.emit("open", bad);
    }
    t.socket.emit("resize", { columns: -1 });
    const opened = await open(t, { sessionId: janeSession, columns: 90, rows: 20 });
    expect(opened.sessionId).toBe(janeSession);
    expect(opened.replay).not.toContain("before open");
    for (const bad of [42, { text: "echo" }, ["echo"], "x".repeat(MAX_INPUT_CHARS + 1)]) t.socket.emit("input", bad);
    t.socket.emit("input", "echo still alive\r");
    await t.waitFor("still alive\r\n");
    expect(t.screen()).not.toContain("xxxxxxxx");
    t.socket.close();
  });

  it("records each command with its namespace and exit code, and serves them back as history", async () => {
    const t = await signedIn(jane);
    await open(t, { sessionId: janeSession, columns: 80, rows: 24 });
    t.socket.emit("input", "nosuchcommand\r");
    await t.waitFor("nosuchcommand: command not found");
    await expect
      .poll(async () => prisma.terminalCommand.findFirst({ where: { userId: jane.id, line: "nosuchcommand" }, select: { exitCode: true, namespace: true } }))
      .toEqual({ exitCode: 127, namespace: "jane-new" });
    const rows = await prisma.terminalCommand.findMany({ where: { userId: jane.id }, orderBy: { startedAt: "asc" }, select: { line: true, exitCode: true } });
    expect(rows.map((r) => r.line)).toEqual(["echo hello there", "cat .kube/config", "echo again", "echo still alive", "nosuchcommand"]);
    expect(rows.every((r) => r.exitCode !== null)).toBe(true);
    expect(await prisma.terminalCommand.count({ where: { userId: joe.id } })).toBe(2);
    // A new session starts with the history so far.
    const fresh = await signedIn(jane);
    await open(fresh, { columns: 80, rows: 24 });
    await fresh.waitFor("$ ");
    fresh.socket.emit("input", "history\r");
    await fresh.waitFor("nosuchcommand\r\n");
    expect(fresh.screen()).toContain("echo hello there\r\ncat .kube/config\r\necho again");
    fresh.socket.close();
    t.socket.close();
  });
  it("closes a user's least recently used session past the cap, and tells its tab", async () => {
    const first = await signedIn(jane);
    await open(first, { sessionId: janeSession, columns: 80, rows: 24 });
    const second = await signedIn(jane);
    const secondId = (await open(second, { columns: 80, rows: 24 })).sessionId;
    const closed = new Promise<{ reason: string }>((resolve) => first.socket.once("closed", resolve));
    const third = await signedIn(jane);
    const thirdId = (await open(third, { columns: 80, rows: 24 })).sessionId;
    expect((await closed).reason).toBe("This terminal was closed because another one was opened (at most 2 at once).");
    // The closed session's id is gone: asking for it starts a new one. The other two are still there.
    const again = await signedIn(jane);
    expect((await open(again, { sessionId: janeSession, columns: 80, rows: 24 })).sessionId).not.toBe(janeSession);
    third.socket.emit("input", "echo third\r");
    await third.waitFor("third\r\n");
    for (const t of [first, second, third, again]) t.socket.close();
    expect(secondId).not.toBe(thirdId);
  });
});

import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { baseURL } from "../../playwright.config";

// Issue 8, done-means 2, in one place against the built server: a learner — and an instructor of another
// classroom — cannot use any instructor route, open any instructor page or join any instructor socket room.
// The route list is checked against app/api itself, so a new route cannot be added without saying who it is for.
const run = randomBytes(3).toString("hex");
const password = "correct horse battery staple";
const root = process.cwd();

type Person = { email: string; request: APIRequestContext; cookie: string };

async function person(name: string, role: "LEARNER" | "INSTRUCTOR"): Promise<Person> {
  const email = `${name}-${run}@e2e.local`;
  const request = await playwrightRequest.newContext({ baseURL });
  expect((await request.post("/api/signup", { data: { name, email, password, role } })).status()).toBe(201);
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  expect((await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } })).status()).toBeLessThan(400);
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { email, request, cookie };
}

let teacher: Person, otherTeacher: Person, alice: Person, bob: Person;
const ids = { classroom: "", alice: "", bob: "", assignment: "", submission: "" };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [teacher, otherTeacher, alice, bob] = await Promise.all([
    person("surface-teacher", "INSTRUCTOR"),
    person("surface-other", "INSTRUCTOR"),
    person("surface-alice", "LEARNER"),
    person("surface-bob", "LEARNER"),
  ]);
  const classroom = (await (await teacher.request.post("/api/classrooms", { data: { name: `Surface ${run}` } })).json()) as { id: string; inviteCode: string };
  ids.classroom = classroom.id;
  for (const learner of [alice, bob]) expect((await learner.request.post("/api/classrooms/join", { data: { inviteCode: classroom.inviteCode } })).status()).toBe(200);
  const roster = (await (await teacher.request.get(`/api/classrooms/${ids.classroom}/roster`)).json()) as { members: { userId: string; email: string }[] };
  ids.alice = roster.members.find((m) => m.email === alice.email)?.userId ?? "";
  ids.bob = roster.members.find((m) => m.email === bob.email)?.userId ?? "";
  const now = Date.now();
  const assignment = await teacher.request.post(`/api/classrooms/${ids.classroom}/assignments`, {
    data: { labSlug: "deployments", opensAt: new Date(now - 60_000).toISOString(), dueAt: new Date(now + 3_600_000).toISOString() },
  });
  expect(assignment.status(), await assignment.text()).toBeLessThan(300);
  ids.assignment = ((await assignment.json()) as { id: string }).id;
  const submitted = await bob.request.post(`/api/assignments/${ids.assignment}/submit`);
  expect(submitted.status(), await submitted.text()).toBe(201);
  ids.submission = ((await submitted.json()) as { id: string }).id;
  expect(Object.values(ids).every(Boolean)).toBe(true);
});

test.afterAll(async () => {
  for (const p of [teacher, otherTeacher, alice, bob]) await p?.request.dispose();
});

// Paths and bodies are functions: the ids exist only once beforeAll has run.
type Call = { method: "GET" | "POST" | "DELETE"; path: () => string; data?: () => unknown };

// Every instructor-only API route, each method it exports, with real ids of this classroom.
const instructorRoutes: Record<string, Call[]> = {
  "classrooms/[id]/roster/route.ts": [{ method: "GET", path: () => `/api/classrooms/${ids.classroom}/roster` }],
  "classrooms/[id]/instructors/route.ts": [{ method: "POST", path: () => `/api/classrooms/${ids.classroom}/instructors`, data: () => ({ email: "x@e2e.local" }) }],
  "classrooms/[id]/learners/[userId]/route.ts": [{ method: "DELETE", path: () => `/api/classrooms/${ids.classroom}/learners/${ids.bob}` }],
  "classrooms/[id]/learners/[userId]/reset/route.ts": [{ method: "POST", path: () => `/api/classrooms/${ids.classroom}/learners/${ids.bob}/reset` }],
  "classrooms/[id]/learners/[userId]/timeline/route.ts": [{ method: "GET", path: () => `/api/classrooms/${ids.classroom}/learners/${ids.bob}/timeline` }],
  "classrooms/[id]/broadcast/route.ts": [{ method: "POST", path: () => `/api/classrooms/${ids.classroom}/broadcast`, data: () => ({ message: "hello class" }) }],
  "classrooms/[id]/grades.csv/route.ts": [{ method: "GET", path: () => `/api/classrooms/${ids.classroom}/grades.csv` }],
  "assignments/[id]/grades/route.ts": [{ method: "GET", path: () => `/api/assignments/${ids.assignment}/grades` }],
  "assignments/[id]/extensions/route.ts": [
    { method: "POST", path: () => `/api/assignments/${ids.assignment}/extensions`, data: () => ({ userId: ids.alice, dueAt: "2030-01-01T00:00:00Z" }) },
  ],
  "assignments/[id]/submissions/[sid]/regrade/route.ts": [{ method: "POST", path: () => `/api/assignments/${ids.assignment}/submissions/${ids.submission}/regrade` }],
  "users/[id]/password-reset/route.ts": [{ method: "POST", path: () => `/api/users/${ids.bob}/password-reset` }],
  "cluster/nodes/route.ts": [{ method: "GET", path: () => "/api/cluster/nodes" }],
  "cluster/nodes/[name]/power/route.ts": [{ method: "POST", path: () => "/api/cluster/nodes/kubeclass-worker/power", data: () => ({ on: false }) }],
  "cluster/realism/route.ts": [
    { method: "GET", path: () => "/api/cluster/realism" },
    { method: "POST", path: () => "/api/cluster/realism", data: () => ({ realism: "slow" }) },
  ],
};
// Routes for any signed-in member, or public; each checks its own caller (tested with its feature).
const otherRoutes = [
  "classrooms/route.ts", "auth/[...nextauth]/route.ts", "signup/route.ts", "reset-password/route.ts", "tokens/route.ts", "tokens/[id]/route.ts", "kubeconfig/route.ts",
  "classrooms/join/route.ts", "classrooms/[id]/assignments/route.ts", "assignments/[id]/submit/route.ts", "labs/namespace-objects/route.ts",
  "labs/[slug]/progress/route.ts", "labs/[slug]/steps/[stepId]/check/route.ts", "labs/[slug]/steps/[stepId]/hints/route.ts", "labs/[slug]/steps/[stepId]/open/route.ts",
];
// Mixed routes: GET /api/classrooms lists one's own classrooms, POST creates one (instructors only);
// classrooms/[id]/assignments GET lists a member's assignments, POST creates one (the classroom's instructors).
const mixedInstructorCalls: Call[] = [
  { method: "POST", path: () => "/api/classrooms", data: () => ({ name: "mine now" }) },
  { method: "POST", path: () => `/api/classrooms/${ids.classroom}/assignments`, data: () => ({ labSlug: "pods", opensAt: "2026-01-01T00:00:00Z", dueAt: "2030-01-01T00:00:00Z" }) },
];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(join(dir, entry.name)) : entry.name === "route.ts" ? [join(dir, entry.name)] : [],
  );
}

test("every API route is accounted for, and the list names each method an instructor route exports", () => {
  const apiDir = join(root, "app", "api");
  const files = routeFiles(apiDir).map((f) => relative(apiDir, f).split("\\").join("/"));
  expect(files.sort()).toEqual([...Object.keys(instructorRoutes), ...otherRoutes].sort());
  for (const [file, calls] of Object.entries(instructorRoutes)) {
    const exported = [...readFileSync(join(apiDir, file), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    expect(calls.map((c) => c.method).sort(), file).toEqual(exported.sort());
  }
});

async function expectRefused(answer: APIResponse): Promise<void> {
  const text = await answer.text();
  expect([401, 403, 404], `${answer.url()}: ${answer.status()} ${text}`).toContain(answer.status());
  expect(text).not.toMatch(/at .+\.(js|ts):\d+|prisma|stack/i);
  if (answer.headers()["content-type"]?.includes("json")) expect(typeof (JSON.parse(text) as { error?: unknown }).error).toBe("string");
}

const send = (who: Person, call: Call) =>
  who.request.fetch(call.path(), { method: call.method, ...(call.data !== undefined ? { data: call.data() } : {}) });

test("a learner of the classroom, and an instructor of another, are refused by every instructor route", async () => {
  const calls = [...Object.entries(instructorRoutes).flatMap(([, c]) => c), ...mixedInstructorCalls];
  for (const who of [alice, otherTeacher]) {
    for (const call of calls) {
      // Creating classrooms and looking at the shared cluster's nodes is what any instructor may do.
      if (who === otherTeacher && (call.path().startsWith("/api/cluster/") || call.path() === "/api/classrooms")) continue;
      await expectRefused(await send(who, call));
    }
  }
  // Nothing they tried took effect: bob is still in the class, and the realism is unchanged.
  const roster = (await (await teacher.request.get(`/api/classrooms/${ids.classroom}/roster`)).json()) as { members: { email: string }[] };
  expect(roster.members.map((m) => m.email)).toContain(bob.email);
  expect((await teacher.request.get(`/api/classrooms/${ids.classroom}/grades.csv`)).status()).toBe(200);
});

test("instructor pages are not found for a learner of the classroom", async ({ browser }) => {
  const context = await browser.newContext({ baseURL });
  await context.addCookies((await alice.request.storageState()).cookies);
  const page = await context.newPage();
  for (const path of [
    `/classrooms/${ids.classroom}/dashboard`,
    `/classrooms/${ids.classroom}/grades`,
    `/classrooms/${ids.classroom}/learners/${ids.bob}`,
    `/classrooms/${ids.classroom}/learners/${ids.alice}`,
    `/classrooms/${ids.classroom}/assignments/${ids.assignment}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId("student-namespace")).toHaveCount(0);
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  // The classroom page itself shows a learner their own namespace, not the roster.
  await page.goto(`/classrooms/${ids.classroom}`);
  await expect(page.getByTestId("my-namespace")).toBeVisible();
  await expect(page.getByTestId("watch-learner")).toHaveCount(0);
  await context.close();
});

/** Connects to a socket namespace with a session cookie, sends one event, and gathers its ack and anything sent after. */
async function trySocket(cookie: string, namespace: string, event: string, payload: unknown): Promise<{ ack: unknown; received: string[] }> {
  // forceNew: socket.io-client otherwise shares one connection (and its first cookie) per server across calls.
  const socket: Socket = io(`${baseURL}${namespace}`, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  const received: string[] = [];
  socket.onAny((name: string) => received.push(name));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", (error) => reject(error));
    });
    const ack: unknown = await socket.timeout(10_000).emitWithAck(event, payload);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { ack, received };
  } finally {
    socket.close();
  }
}

test("instructor socket rooms refuse a learner and another classroom's instructor, and send them nothing", async () => {
  for (const who of [alice, otherTeacher]) {
    const watched = await trySocket(who.cookie, "/watch", "watch", { classroomId: ids.classroom, learnerId: ids.bob });
    expect(watched.ack).toMatchObject({ ok: false, error: expect.stringMatching(/\S/) });
    expect(watched.received).toEqual([]);
    const live = await trySocket(who.cookie, "/classroom-live", "subscribe", { classroomId: ids.classroom });
    expect(live.ack).toMatchObject({ error: expect.stringMatching(/\S/) });
    expect(live.received).toEqual([]);
  }
  // The same requests from the classroom's instructor are granted: the refusals above are about who asks.
  const granted = await trySocket(teacher.cookie, "/watch", "watch", { classroomId: ids.classroom, learnerId: ids.bob });
  expect(granted.ack).toMatchObject({ ok: true });
  expect(granted.received).toContain("graph");
  const subscribed = await trySocket(teacher.cookie, "/classroom-live", "subscribe", { classroomId: ids.classroom });
  expect(subscribed.ack).not.toHaveProperty("error");
});

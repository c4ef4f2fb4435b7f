import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { baseURL } from "../../playwright.config";

// Issue 5, done-means 2, the web part: signed-in people changing ids in requests to the platform's own routes,
// requests without a session or with a forged one, requests from another site, and socket.io connections. The
// API part of the attack suite is tests/integration/tenancy/api-attacks.test.ts.
const run = randomBytes(3).toString("hex");
const password = "correct horse battery staple";

type Person = { email: string; request: APIRequestContext; cookie: string; id?: string };

async function person(name: string, role: "LEARNER" | "INSTRUCTOR"): Promise<Person> {
  const email = `${name}-${run}@e2e.local`;
  const request = await playwrightRequest.newContext({ baseURL });
  const signup = await request.post("/api/signup", { data: { name, email, password, role } });
  expect(signup.status(), await signup.text()).toBe(201);
  // next-auth's own credentials flow: a CSRF token, then the form post that sets the session cookie.
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signin = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(signin.status()).toBeLessThan(400);
  const state = await request.storageState();
  const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect(cookie).toContain("session-token");
  return { email, request, cookie };
}

let teacherX: Person, teacherY: Person, alice: Person, bob: Person, carol: Person;
let classX: { id: string; inviteCode: string };
let classY: { id: string; inviteCode: string };
let ids: Record<string, string> = {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [teacherX, teacherY, alice, bob, carol] = await Promise.all([
    person("teacher-x", "INSTRUCTOR"),
    person("teacher-y", "INSTRUCTOR"),
    person("alice", "LEARNER"),
    person("bob", "LEARNER"),
    person("carol", "LEARNER"),
  ]);
  classX = (await (await teacherX.request.post("/api/classrooms", { data: { name: `X ${run}` } })).json()) as typeof classX;
  classY = (await (await teacherY.request.post("/api/classrooms", { data: { name: `Y ${run}` } })).json()) as typeof classY;
  for (const [who, code] of [[alice, classX.inviteCode], [bob, classX.inviteCode], [carol, classY.inviteCode]] as const) {
    const joined = await who.request.post("/api/classrooms/join", { data: { inviteCode: code } });
    expect(joined.status(), await joined.text()).toBe(200);
  }
  const rosterX = (await (await teacherX.request.get(`/api/classrooms/${classX.id}/roster`)).json()) as { members: { userId: string; email: string }[] };
  const rosterY = (await (await teacherY.request.get(`/api/classrooms/${classY.id}/roster`)).json()) as { members: { userId: string; email: string }[] };
  ids = Object.fromEntries([...rosterX.members, ...rosterY.members].map((m) => [m.email.split("-")[0] ?? m.email, m.userId]));
  expect(Object.keys(ids).sort()).toEqual(["alice", "bob", "carol", "teacher"].filter((k) => k !== "teacher").concat("teacher").sort());
});

test.afterAll(async () => {
  for (const p of [teacherX, teacherY, alice, bob, carol]) await p?.request.dispose();
});

async function expectRefused(status: number, response: Promise<APIResponse>) {
  const answer = await response;
  expect(answer.status(), `${answer.url()}: ${await answer.text()}`).toBe(status);
  const body = (await answer.json().catch(() => ({}))) as { error?: string };
  expect(typeof body.error).toBe("string");
  expect(body.error).not.toMatch(/at .+\.(js|ts):\d+|prisma|stack/i);
}

test("learners cannot use instructor routes, in their own classroom or another", async () => {
  for (const classroom of [classX, classY]) {
    await expectRefused(403, alice.request.get(`/api/classrooms/${classroom.id}/roster`));
    await expectRefused(403, alice.request.post(`/api/classrooms/${classroom.id}/instructors`, { data: { email: alice.email } }));
  }
  await expectRefused(403, alice.request.delete(`/api/classrooms/${classX.id}/learners/${ids.bob}`));
  await expectRefused(403, alice.request.post(`/api/classrooms/${classX.id}/learners/${ids.bob}/reset`));
  await expectRefused(403, alice.request.post(`/api/users/${ids.bob}/password-reset`));
  await expectRefused(403, alice.request.post(`/api/users/${ids.carol}/password-reset`));
  await expectRefused(403, alice.request.post("/api/classrooms", { data: { name: "mine now" } }));
});

test("an instructor cannot reach into another instructor's classroom by changing ids", async () => {
  await expectRefused(403, teacherX.request.get(`/api/classrooms/${classY.id}/roster`));
  await expectRefused(403, teacherX.request.delete(`/api/classrooms/${classY.id}/learners/${ids.carol}`));
  await expectRefused(403, teacherX.request.post(`/api/classrooms/${classY.id}/learners/${ids.carol}/reset`));
  // Someone else's learner is, to an instructor, nobody: not found, exactly like an id that does not exist.
  await expectRefused(404, teacherX.request.post(`/api/users/${ids.carol}/password-reset`));
  await expectRefused(403, teacherX.request.post(`/api/classrooms/${classY.id}/instructors`, { data: { email: teacherX.email } }));
  // Pairing their own classroom id with someone else's learner finds no such learner there.
  const crossed = await teacherX.request.delete(`/api/classrooms/${classX.id}/learners/${ids.carol}`);
  expect([403, 404]).toContain(crossed.status());
  // Carol is untouched: still on Y's roster.
  const rosterY = (await (await teacherY.request.get(`/api/classrooms/${classY.id}/roster`)).json()) as { members: { email: string }[] };
  expect(rosterY.members.map((m) => m.email)).toContain(carol.email);
});

test("kubeconfigs and tokens are one's own: another classroom's id or another user's token id finds nothing", async () => {
  await expectRefused(404, alice.request.post("/api/kubeconfig", { data: { classroomId: classY.id } }));
  const bobsFile = await bob.request.post("/api/kubeconfig", { data: { classroomId: classX.id } });
  expect(bobsFile.status()).toBe(200);
  const bobsTokens = (await (await bob.request.get("/api/tokens")).json()) as { tokens: { id: string; state: string }[] };
  const bobsToken = bobsTokens.tokens[0];
  expect(bobsToken?.state).toBe("active");
  await expectRefused(404, alice.request.delete(`/api/tokens/${bobsToken?.id ?? ""}`));
  const aliceTokens = (await (await alice.request.get("/api/tokens")).json()) as { tokens: unknown[] };
  expect(aliceTokens.tokens).toEqual([]);
  const stillActive = (await (await bob.request.get("/api/tokens")).json()) as { tokens: { id: string; state: string }[] };
  expect(stillActive.tokens.find((t) => t.id === bobsToken?.id)?.state).toBe("active");
});

test("pages of a classroom one is not in are not found", async ({ browser }) => {
  const context = await browser.newContext({ storageState: await alice.request.storageState() });
  const page = await context.newPage();
  const response = await page.goto(`/classrooms/${classY.id}`);
  expect(response?.status()).toBe(404);
  await context.close();
});

test("without a session, with a forged one, or from another site, every route refuses", async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const forged = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.forged.forged.forged" } });
  for (const client of [anonymous, forged]) {
    await expectRefused(401, client.get("/api/classrooms"));
    await expectRefused(401, client.post("/api/classrooms", { data: { name: "x" } }));
    await expectRefused(401, client.post("/api/classrooms/join", { data: { inviteCode: classX.inviteCode } }));
    await expectRefused(401, client.get(`/api/classrooms/${classX.id}/roster`));
    await expectRefused(401, client.delete(`/api/classrooms/${classX.id}/learners/${ids.bob}`));
    await expectRefused(401, client.post("/api/kubeconfig", { data: {} }));
    await expectRefused(401, client.get("/api/tokens"));
    await expectRefused(401, client.post(`/api/users/${ids.bob}/password-reset`));
  }
  await anonymous.dispose();
  await forged.dispose();
  // A signed-in teacher's browser tricked by another site into posting: refused by Origin.
  await expectRefused(403, teacherX.request.delete(`/api/classrooms/${classX.id}/learners/${ids.bob}`, { headers: { origin: "https://evil.example" } }));
  await expectRefused(403, teacherX.request.post("/api/classrooms", { data: { name: "planted" }, headers: { origin: "https://evil.example" } }));
  const rosterX = (await (await teacherX.request.get(`/api/classrooms/${classX.id}/roster`)).json()) as { members: { email: string }[] };
  expect(rosterX.members.map((m) => m.email)).toContain(bob.email);
});

function connect(cookie?: string, origin?: string): Promise<{ hello?: { email: string; role: string }; error?: string }> {
  return new Promise((resolve) => {
    const socket: Socket = io(`${baseURL}/me`, {
      transports: ["websocket"],
      reconnection: false,
      // Its own connection each time: socket.io-client otherwise reuses one per server, with its first cookie.
      forceNew: true,
      extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
    });
    const done = (result: { hello?: { email: string; role: string }; error?: string }) => {
      socket.close();
      resolve(result);
    };
    socket.on("hello", (hello: { email: string; role: string }) => done({ hello }));
    socket.on("connect_error", (error) => done({ error: error.message }));
    setTimeout(() => done({ error: "timeout" }), 10_000);
  });
}

test("socket.io: only a real session connects, and it is always the session's own user", async () => {
  expect(await connect(alice.cookie)).toEqual({ hello: { email: alice.email, role: "LEARNER" } });
  expect(await connect()).toEqual({ error: "unauthorized" });
  expect(await connect("next-auth.session-token=forged")).toEqual({ error: "unauthorized" });
  expect(await connect(alice.cookie, "https://evil.example")).toEqual({ error: "unauthorized" });
  // A query or auth payload naming someone else changes nothing: identity comes from the cookie alone.
  const impostor = await new Promise<{ email?: string }>((resolve) => {
    const socket = io(`${baseURL}/me`, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: alice.cookie }, auth: { email: bob.email, userId: ids.bob }, query: { userId: ids.bob ?? "" } });
    socket.on("hello", (hello: { email: string }) => {
      socket.close();
      resolve(hello);
    });
    socket.on("connect_error", () => resolve({}));
  });
  expect(impostor.email).toBe(alice.email);
});

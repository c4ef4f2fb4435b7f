import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { kubectl, kubectlBinary } from "../../support/kubectl";
import { rawClient, type RawClient, type RawResponse } from "../../support/raw-https";
import { statusBodyProblems } from "../../support/status-body";

// Per-user rate limits at the HTTPS edge, on a budget small enough to exhaust by hand: 3 requests at once, then
// one every 2 s (instructors 4×). Refusals are kube-apiserver's: 429, Retry-After, a TooManyRequests Status,
// sent after a hold of 0.5–1 s (http-adapter.ts).

const BUDGET = { qps: 0.5, burst: 3 };
const ns = "rate-limit";
let server: TestApiServer;
let client: RawClient;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestApiServer({ rateLimit: BUDGET });
  client = rawClient(server, { maxSockets: 64 });
  admin = await server.user("admin@limits.test", "ADMIN");
  expect((await get(admin, "/api/v1/namespaces", "POST", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

async function get(user: { token: string }, path: string, method = "GET", body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const result = await client.send({
    method,
    path,
    token: user.token,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (result.kind === "failure") throw new Error(`${method} ${path}: ${result.error}`);
  return result;
}

/** `n` discovery requests at once (every authenticated user may read discovery). */
const floodReplies = (user: { token: string }, n: number) => Promise.all(Array.from({ length: n }, () => get(user, "/api")));

/** The statuses of `floodReplies`, sorted. */
async function flood(user: { token: string }, n: number): Promise<number[]> {
  return (await floodReplies(user, n)).map((r) => r.status).sort();
}

const expectedStatus = (seconds: number) => ({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Too many requests, please try again later.",
  reason: "TooManyRequests",
  details: { retryAfterSeconds: seconds },
  code: 429,
});

describe("per-user rate limits", () => {
  it("refuses a learner over budget with 429, Retry-After and a TooManyRequests Status, while another learner is served", async () => {
    const [ann, bob] = await Promise.all([server.user("ann@limits.test", "LEARNER"), server.user("bob@limits.test", "LEARNER")]);
    const [annReplies, bobStatuses] = await Promise.all([floodReplies(ann, 20), flood(bob, 3)]);
    expect(annReplies.map((r) => r.status).sort()).toEqual([...Array<number>(3).fill(200), ...Array<number>(17).fill(429)]);
    expect(bobStatuses).toEqual([200, 200, 200]);

    for (const refused of annReplies.filter((r) => r.status === 429)) {
      expect(statusBodyProblems(429, refused.text)).toEqual([]);
      // The next token is under 2 s away (0.5/s): Retry-After rounds the real wait up to whole seconds.
      expect(refused.headers["retry-after"]).toBe("2");
      expect(JSON.parse(refused.text)).toEqual(expectedStatus(2));
      // Held between half a second and a second (jittered) before it is sent, so a script that ignores
      // Retry-After cannot loop on refusals.
      expect(refused.ms).toBeGreaterThanOrEqual(450);
    }
  });

  it("refuses before reading the body or touching the store: a refused create creates nothing", async () => {
    const cat = await server.user("cat@limits.test", "LEARNER");
    const binding = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "cat-edit" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: cat.email }],
    };
    expect((await get(admin, `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, "POST", binding)).status).toBe(201);
    const configMap = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "b" } });
    const created = await Promise.all(["one", "two", "three", "four"].map((name) => get(cat, `/api/v1/namespaces/${ns}/configmaps`, "POST", configMap(name))));
    expect(created.map((r) => r.status).sort()).toEqual([201, 201, 201, 429]);
    const listed = JSON.parse((await get(admin, `/api/v1/namespaces/${ns}/configmaps`)).text) as { items: unknown[] };
    expect(listed.items).toHaveLength(3);
  });

  it("refuses an exec upgrade over budget the same way", async () => {
    const dan = await server.user("dan@limits.test", "LEARNER");
    await flood(dan, 3);
    const refused = await get(dan, `/api/v1/namespaces/${ns}/pods/web/exec?command=date&stdout=true`, "GET", undefined, {
      connection: "Upgrade",
      upgrade: "websocket",
      "sec-websocket-version": "13",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-protocol": "v5.channel.k8s.io",
    });
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("2");
    expect(JSON.parse(refused.text)).toEqual(expectedStatus(2));
  });

  it("gives instructors four times the burst, and never limits an admin", async () => {
    const teacher = await server.user("teacher@limits.test", "INSTRUCTOR");
    const [teacherStatuses, adminStatuses] = await Promise.all([flood(teacher, 20), flood(admin, 60)]);
    expect(teacherStatuses.filter((s) => s === 200)).toHaveLength(12);
    expect(adminStatuses).toEqual(Array<number>(60).fill(200));
  });

  it("limits a service account on its own budget, apart from its learner's", async () => {
    const eve = await server.user("eve@limits.test", "LEARNER");
    await flood(eve, 3);
    expect((await get(admin, `/api/v1/namespaces/${ns}/serviceaccounts`, "POST", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } })).status).toBe(201);
    const issued = await get(admin, `/api/v1/namespaces/${ns}/serviceaccounts/robot/token`, "POST", { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: {} });
    const robot = { token: (JSON.parse(issued.text) as { status: { token: string } }).status.token };
    expect(await flood(robot, 5)).toEqual([200, 200, 200, 429, 429]);
  });

  it("lets kubectl ride out a 429: it waits the Retry-After and succeeds", async () => {
    const fay = await server.user("fay@limits.test", "LEARNER");
    await flood(fay, 3);
    const started = performance.now();
    const result = await kubectl(kubectlBinary(35), fay.kubeconfig, ["get", "--raw", "/api", "-v=4"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: "APIVersions" });
    expect(result.stderr).toMatch(/Got a Retry-After response" delay="2s" attempt=1/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_500);
  });
});

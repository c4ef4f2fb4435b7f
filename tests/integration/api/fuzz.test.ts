import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { validObject } from "../../support/fuzz/objects";
import { resources } from "../../support/fuzz/resources";
import { randomRequest, type FuzzRequest } from "../../support/fuzz/requests";
import { Rng } from "../../support/fuzz/rng";
import { rawClient, type RawClient, type RawFailure, type RawResponse } from "../../support/raw-https";
import { statusBodyProblems } from "../../support/status-body";

// A bounded, seeded fuzz run against the real HTTPS API server on loopback: random methods, paths, queries,
// headers and bodies. Whatever the input, the server must answer with a non-5xx status, every error must be
// a Kubernetes Status, every stream must end cleanly, and the server must still serve afterwards.
// Replay a run with FUZZ_SEED=<seed>; size it with FUZZ_REQUESTS=<n>. Server logs are silenced unless
// LOG_LEVEL is set (LOG_LEVEL=error shows the stack of every 5xx).

const seed = Number(process.env.FUZZ_SEED ?? 1337);
const total = Number(process.env.FUZZ_REQUESTS ?? 3000);
const concurrency = 12;
const requestTimeoutMs = 15_000;
/** How many distinct problems to describe in full. */
const show = Number(process.env.FUZZ_SHOW ?? 25);
/** No new requests after this: the run stays bounded on a slow machine. */
const budgetMs = 80_000;

process.env.LOG_LEVEL ??= "silent";

let server: TestApiServer;
let admin: TestUser;
let learner: TestUser;
let client: RawClient;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@fuzz.test", "ADMIN");
  learner = await server.user("learner@fuzz.test", "LEARNER", "fuzz-b");
  client = rawClient(server, { maxSockets: concurrency });
  await seedCluster();
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

/** Objects for the fuzzer's names to hit: two namespaces, a few of each common kind, the learner bound in one. */
async function seedCluster(): Promise<void> {
  const create = async (plural: string, namespace: string | undefined, name: string) => {
    const resource = resources.find((r) => r.plural === plural)!;
    const prefix = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
    const path = `${prefix}${namespace ? `/namespaces/${namespace}` : ""}/${plural}`;
    const res = await client.send({
      method: "POST",
      path,
      token: admin.token,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validObject(resource, name, namespace)),
    });
    if (res.kind !== "response" || res.status !== 201) throw new Error(`seeding ${path}/${name}: ${JSON.stringify(res)}`);
  };
  await create("namespaces", undefined, "fuzz-a");
  await create("namespaces", undefined, "fuzz-b");
  for (const ns of ["fuzz-a", "fuzz-b"]) {
    for (const [plural, name] of [
      ["configmaps", "fuzz-cm"], ["secrets", "fuzz-secret"], ["deployments", "web"], ["services", "svc"], ["pods", "p1"],
      ["serviceaccounts", "sa"], ["jobs", "job"], ["cronjobs", "cron"], ["roles", "r"], ["networkpolicies", "np"],
      ["persistentvolumeclaims", "claim"], ["statefulsets", "web"], ["replicasets", "web"],
    ] as const) {
      await create(plural, ns, name);
    }
  }
  // The learner may edit fuzz-b: RBAC and escalation checks get exercised on that path too.
  await create("rolebindings", "fuzz-b", "rb");
}

async function currentRevision(): Promise<number> {
  const res = await client.send({ method: "GET", path: "/api/v1/namespaces", token: admin.token });
  if (res.kind !== "response") throw new Error(res.error);
  return Number((JSON.parse(res.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
}

type Finding = { request: FuzzRequest; problem: string; status?: number; response?: string };

/** Everything wrong with one answer; empty when it is acceptable. */
function judge(request: FuzzRequest, result: RawResponse | RawFailure): string[] {
  if (result.kind === "failure") return [`no HTTP answer: ${result.error}`];
  const problems: string[] = [];
  if (result.status >= 500) problems.push(`${result.status} server error`);
  if (result.streamError) problems.push(`response stream broke: ${result.streamError}`);
  const json = /^application\/json/.test(result.headers["content-type"] ?? "");
  if (request.method === "HEAD") return problems;
  if (result.status >= 300) {
    problems.push(...statusBodyProblems(result.status, result.text).map((p) => `error body: ${p}`));
  } else if (json && !result.streamError) {
    problems.push(...jsonBodyProblems(result.text));
  }
  return problems;
}

/** A 2xx JSON body is one JSON document, or a watch stream: one JSON event per line, ERROR events carrying a Status. */
function jsonBodyProblems(text: string): string[] {
  try {
    JSON.parse(text);
    return [];
  } catch {
    // not a single document: a watch stream?
  }
  const problems: string[] = [];
  for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
    let event: { type?: unknown; object?: { code?: unknown } };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return [`2xx body is neither JSON nor a watch stream: ${JSON.stringify(line.slice(0, 200))}`];
    }
    if (!["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"].includes(String(event.type))) problems.push(`watch event of type ${JSON.stringify(event.type)}`);
    if (event.type === "ERROR") problems.push(...statusBodyProblems(Number(event.object?.code), JSON.stringify(event.object)).map((p) => `watch ERROR event: ${p}`));
  }
  return problems;
}

function describeFinding(f: Finding): string {
  const body = f.request.body === undefined ? "" : typeof f.request.body === "string" ? f.request.body : `<${f.request.body.length} random bytes>`;
  return [
    `  ${f.problem}`,
    `    request:  ${f.request.method} ${f.request.path.slice(0, 300)}`,
    `    headers:  ${JSON.stringify(f.request.headers).slice(0, 300)}${f.request.token === admin.token ? " (admin token)" : f.request.token === learner.token ? " (learner token)" : ""}`,
    `    body:     ${JSON.stringify(body.slice(0, 300))}${body.length > 300 ? ` … (${body.length} chars)` : ""}`,
    `    response: ${f.status ?? "-"} ${(f.response ?? "").slice(0, 300)}`,
    `    from:     ${f.request.label}`,
  ].join("\n");
}

describe("API fuzz", () => {
  it(`survives ${total} random requests (seed ${seed})`, async () => {
    const rng = new Rng(seed);
    const ctx = { currentRevision: await currentRevision() };
    const ids = { admin: admin.token, learner: learner.token };
    const counts = new Map<string, number>();
    const findings: Finding[] = [];
    const started = performance.now();
    let next = 0;
    let slowest = 0;

    const worker = async () => {
      while (next < total && performance.now() - started < budgetMs) {
        next++;
        // Generated synchronously in index order: request i is the same whatever the timing.
        const request = randomRequest(rng, ctx, ids);
        const result = await client.send({ ...request, timeoutMs: requestTimeoutMs });
        const key = result.kind === "response" ? String(result.status) : "no-answer";
        counts.set(key, (counts.get(key) ?? 0) + 1);
        slowest = Math.max(slowest, result.ms);
        for (const problem of judge(request, result)) {
          findings.push({
            request,
            problem,
            ...(result.kind === "response" ? { status: result.status, response: result.text } : {}),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = Math.round(performance.now() - started);

    const summary = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `${code}×${n}`).join(" ");
    console.log(`fuzz seed=${seed}: ${next} requests in ${elapsed} ms (slowest ${slowest} ms): ${summary}`);

    // The first example of each distinct failure, so the output points at causes rather than repeating them.
    const distinct = new Map<string, Finding>();
    for (const f of findings) {
      const [method = "", , bodyLabel = ""] = f.request.label.split(" ");
      const key = `${f.problem.replace(/"[^"]*"/g, '"…"').slice(0, 120)}|${method}|${bodyLabel.split(/[:+]/)[0]}`;
      if (!distinct.has(key)) distinct.set(key, f);
    }
    const report = `${findings.length} problems, ${distinct.size} distinct; the first of each (up to ${show}):\n${[...distinct.values()]
      .slice(0, show)
      .map(describeFinding)
      .join("\n")}`;
    if (findings.length > 0) console.log(report);

    // The server is still there and still right.
    const version = await client.send({ method: "GET", path: "/version", token: admin.token, timeoutMs: 10_000 });
    expect(version.kind === "response" && version.status, JSON.stringify(version)).toBe(200);
    expect(JSON.parse((version as RawResponse).text)).toHaveProperty("gitVersion");
    const seeded = await client.send({ method: "GET", path: "/api/v1/namespaces/kube-system", token: admin.token, timeoutMs: 10_000 });
    expect(seeded.kind === "response" && seeded.status).toBe(200);

    expect(next).toBeGreaterThan(Math.min(total, 500));
    expect(elapsed).toBeLessThan(budgetMs + requestTimeoutMs + 5_000);
    expect(findings.filter((f) => f.problem.startsWith("no HTTP answer")).length, report).toBe(0);
    expect(findings.filter((f) => (f.status ?? 0) >= 500).length, report).toBe(0);
    expect(findings.length, report).toBe(0);
  }, 150_000);
});

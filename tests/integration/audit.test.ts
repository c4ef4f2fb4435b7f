import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../support/api-server";
import { waitFor } from "../support/processes";

// Every API request leaves an audit row (who, what, where, outcome, latency): the instructor timeline and
// the STRIDE chapter's non-repudiation stand on it.
let server: TestApiServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("auditor@test.local", "ADMIN");
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        method,
        ca: server.caPem,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

type Row = { username: string; verb: string; resource: string; namespace: string; name: string; code: number; latency_ms: number };

describe("audit log", () => {
  it("records successful and failed requests with user, verb, object and status code", async () => {
    expect(await call("POST", "/api/v1/namespaces/default/configmaps", admin.token, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "audited" } })).toBe(201);
    expect(await call("GET", "/api/v1/namespaces/default/configmaps/missing", admin.token)).toBe(404);
    const rows = await waitFor(async () => {
      const result = await server.pool.query<Row>(
        "SELECT username, verb, resource, namespace, name, code, latency_ms FROM audit_events WHERE username = $1 AND resource = 'configmaps' ORDER BY id",
        [admin.email],
      );
      return result.rows.length >= 2 ? result.rows : undefined;
    }, "audit rows to be flushed");
    expect(rows.map(({ verb, namespace, name, code }) => ({ verb, namespace, name, code }))).toEqual([
      // A create names its object in the body; the audit takes the name from the created object, as Kubernetes' does.
      { verb: "create", namespace: "default", name: "audited", code: 201 },
      { verb: "get", namespace: "default", name: "missing", code: 404 },
    ]);
    expect(rows.every((r) => r.latency_ms >= 0)).toBe(true);
  });

  it("records RBAC denials, so an instructor can see them", async () => {
    const learner = await server.user("nobody@test.local", "LEARNER");
    expect(await call("GET", "/api/v1/namespaces/default/secrets", learner.token)).toBe(403);
    const denied = await waitFor(async () => {
      const result = await server.pool.query<Row>("SELECT verb, resource, code FROM audit_events WHERE username = $1", [learner.email]);
      return result.rows[0];
    }, "the denial's audit row");
    expect(denied).toMatchObject({ verb: "list", resource: "secrets", code: 403 });
  });

  it("leaves Events out, as Kubernetes' recommended audit policy does", async () => {
    const event = { apiVersion: "v1", kind: "Event", metadata: { name: "e1" }, involvedObject: { kind: "Pod", name: "p", namespace: "default" }, reason: "Test", message: "m" };
    expect(await call("POST", "/api/v1/namespaces/default/events", admin.token, event)).toBe(201);
    // A later, audited request of the same user is flushed after the Event's would have been.
    expect(await call("GET", "/api/v1/namespaces/default/configmaps/after-event", admin.token)).toBe(404);
    await waitFor(async () => {
      const result = await server.pool.query<Row>("SELECT name FROM audit_events WHERE username = $1 AND name = 'after-event'", [admin.email]);
      return result.rows[0];
    }, "the later request's audit row");
    const events = await server.pool.query<Row>("SELECT verb FROM audit_events WHERE username = $1 AND resource = 'events'", [admin.email]);
    expect(events.rows).toEqual([]);
  });

  it("answers 401 to requests without a valid token (they carry no user to record)", async () => {
    expect(await call("GET", "/api/v1/namespaces", undefined)).toBe(401);
    expect(await call("GET", "/api/v1/namespaces", "kc_not-a-real-token")).toBe(401);
  });
});

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHealth } from "@/lib/cluster/api/health-checks";
import { apiHealthChecks } from "@/lib/server/apiserver/health";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { rawClient, type RawClient, type RawResponse } from "../../support/raw-https";
import { parseStatus, statusBodyProblems } from "../../support/status-body";

// What anyone may read without credentials (system:public-info-viewer: /version, /healthz, /livez, /readyz),
// the health endpoints' Kubernetes format, and everything else still refused with 401.

let server: TestApiServer;
let admin: TestUser;
let client: RawClient;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@public.test", "ADMIN");
  client = rawClient(server);
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

async function get(path: string, token: string | null = null, method = "GET"): Promise<RawResponse> {
  const result = await client.send({ method, path, ...(token === null ? {} : { token }) });
  if (result.kind === "failure") throw new Error(`${method} ${path}: ${result.error}`);
  return result;
}

describe("without credentials", () => {
  it("serves /version and the health endpoints, as `ok` in text/plain", async () => {
    const version = await get("/version");
    expect(version.status).toBe(200);
    const info = JSON.parse(version.text) as { major?: string; gitVersion?: string };
    expect(info.major).toBe("1");
    expect(info.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    for (const path of ["/healthz", "/livez", "/readyz"]) {
      const res = await get(path);
      expect([res.status, res.text, res.headers["content-type"]]).toEqual([200, "ok", "text/plain; charset=utf-8"]);
    }
  });

  it("lists the checks with ?verbose, and honours ?exclude", async () => {
    expect((await get("/readyz?verbose")).text).toBe("[+]ping ok\n[+]etcd ok\n[+]etcd-readiness ok\nreadyz check passed\n");
    expect((await get("/livez?verbose")).text).toBe("[+]ping ok\n[+]etcd ok\nlivez check passed\n");
    expect((await get("/healthz?verbose&exclude=etcd&exclude=nope")).text).toBe(
      '[+]ping ok\n[+]etcd excluded: ok\nwarn: some health checks cannot be excluded: no matches for "nope"\nhealthz check passed\n',
    );
  });

  it("still answers 401 for everything else, and for a bad token even on public paths", async () => {
    for (const path of ["/api", "/apis", "/api/v1/namespaces", "/openapi/v2", "/healthz/etcd", "/version/x"]) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(statusBodyProblems(401, res.text)).toEqual([]);
    }
    expect((await get("/healthz", "not-a-token")).status).toBe(401);
    expect((await get("/version", "kc_revoked-or-unknown")).status).toBe(401);
  });
});

describe("the health checks", () => {
  it("answer one check by name for those allowed (system:monitoring, admins), 404 for an unknown one", async () => {
    const etcd = await get("/readyz/etcd", admin.token);
    expect([etcd.status, etcd.text]).toEqual([200, "ok"]);
    expect((await get("/livez/ping", admin.token)).text).toBe("ok");
    const unknown = await get("/readyz/nope", admin.token);
    expect(unknown.status).toBe(404);
    expect(statusBodyProblems(404, unknown.text)).toEqual([]);
  });

  it("report an unreachable store as Kubernetes does: 500 and the failing check, reason withheld", async () => {
    // The real readiness checks, pointed at a Postgres that is not there.
    const nowhere = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 1000 });
    try {
      const checks = apiHealthChecks(nowhere);
      const verbose = await serveHealth(checks.readyz, "readyz", [], new URLSearchParams("verbose"));
      expect(verbose).toEqual({
        kind: "text",
        status: 500,
        body: "[+]ping ok\n[-]etcd failed: reason withheld\n[-]etcd-readiness failed: reason withheld\nreadyz check failed\n",
        contentType: "text/plain; charset=utf-8",
      });
      const quiet = await serveHealth(checks.livez, "livez", [], new URLSearchParams());
      expect(quiet).toMatchObject({ status: 500, body: "[+]ping ok\n[-]etcd failed: reason withheld\nlivez check failed\n" });
    } finally {
      await nowhere.end();
    }
  });
});

describe("RBAC decides what system:anonymous may read", () => {
  it("refuses the public paths once the system:public-info-viewer binding is gone", async () => {
    const binding = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:public-info-viewer";
    expect((await get(binding, admin.token, "DELETE")).status).toBe(200);
    let res = await get("/healthz");
    for (let i = 0; i < 20 && res.status === 200; i++) {
      // The authorizer's view of RBAC may trail the write briefly.
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await get("/healthz");
    }
    expect(res.status).toBe(403);
    expect(parseStatus(res.text).message).toBe('forbidden: User "system:anonymous" cannot get path "/healthz"');
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { rawClient, type RawClient, type RawResponse } from "../../support/raw-https";

// RBAC is answered from memory (lib/cluster/auth/rbac-cache.ts). These check, over HTTPS, that a change made
// through the API counts for the very next request: no stale grant, no stale refusal.

let server: TestApiServer;
let client: RawClient;
let admin: TestUser;
let learner: TestUser;

const ns = "rbac-cache";
const bindings = `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`;
const probePath = `/api/v1/namespaces/${ns}/configmaps/probe`;

async function call(token: string, method: string, path: string, body?: unknown): Promise<RawResponse> {
  const response = await client.send({
    method,
    path,
    token,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  if (response.kind !== "response") throw new Error(`${method} ${path}: ${response.error}`);
  return response;
}

const binding = (name: string, user: string, clusterRole = "view") => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole },
  subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
});

beforeAll(async () => {
  server = await startTestApiServer();
  client = rawClient(server);
  admin = await server.user("rbac-cache-admin@kubeclass.local", "ADMIN");
  learner = await server.user("rbac-cache-learner@kubeclass.local", "LEARNER");
  expect((await call(admin.token, "POST", "/api/v1/namespaces", { metadata: { name: ns } })).status).toBe(201);
  const configMap = { metadata: { name: "probe" }, data: { a: "b" } };
  expect((await call(admin.token, "POST", `/api/v1/namespaces/${ns}/configmaps`, configMap)).status).toBe(201);
});

afterAll(async () => {
  client?.close();
  await server?.stop();
});

describe("RBAC answered from the in-memory cache", () => {
  it("grants on the request right after a RoleBinding is created, and refuses right after it is deleted", async () => {
    // Several rounds: each create/delete is immediately followed by the learner's request.
    for (let round = 0; round < 5; round++) {
      const before = await call(learner.token, "GET", probePath);
      expect(before.status).toBe(403);
      expect(JSON.parse(before.text)).toMatchObject({
        reason: "Forbidden",
        message: `configmaps "probe" is forbidden: User "${learner.email}" cannot get resource "configmaps" in API group "" in the namespace "${ns}"`,
      });

      expect((await call(admin.token, "POST", bindings, binding(`view-${round}`, learner.email))).status).toBe(201);
      expect((await call(learner.token, "GET", probePath)).status).toBe(200);

      expect((await call(admin.token, "DELETE", `${bindings}/view-${round}`)).status).toBe(200);
      expect((await call(learner.token, "GET", probePath)).status).toBe(403);
    }
  });

  it("follows a change to a ClusterRole that a binding refers to, at once", async () => {
    const role = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "rbac-cache-reader" },
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
    };
    expect((await call(admin.token, "POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", role)).status).toBe(201);
    expect((await call(admin.token, "POST", bindings, binding("reader", learner.email, "rbac-cache-reader"))).status).toBe(201);
    expect((await call(learner.token, "GET", probePath)).status).toBe(403);

    const current = JSON.parse((await call(admin.token, "GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/rbac-cache-reader")).text) as typeof role;
    const widened = { ...current, rules: [{ apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["get"] }] };
    expect((await call(admin.token, "PUT", "/apis/rbac.authorization.k8s.io/v1/clusterroles/rbac-cache-reader", widened)).status).toBe(200);
    expect((await call(learner.token, "GET", probePath)).status).toBe(200);
  });
});

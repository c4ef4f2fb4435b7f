import { describe, expect, it } from "vitest";
import { createRbacAuthorizer } from "../auth/rbac-authorizer";
import { ManualClock } from "../clock";
import { MemoryObjectStore } from "../store/memory-object-store";
import { chainAdmission, rbacEscalationAdmission } from "./admission";
import { bootstrapCluster } from "./bootstrap-cluster";
import { InProcessClient } from "./in-process-client";
import { rbacSourceFromStore } from "./rbac-store-source";
import { ResourceRegistry } from "./resources/resource-registry";
import type { ApiContext } from "./rest/api-context";
import { serveRequest } from "./serve-request";
import { ApiError } from "./status";

// The whole request path (routing, RBAC, admission, REST, store) with an in-memory store and a fixed clock.
async function cluster() {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  let uid = 0;
  const ctx: ApiContext = { store, registry: new ResourceRegistry(), clock, cluster: "test", newUid: () => `uid-${++uid}`, randomSuffix: () => "x2b4z" };
  await bootstrapCluster(ctx);
  const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
  let t = 0;
  const serve = (request: Parameters<typeof serveRequest>[1]) =>
    serveRequest(
      { ctx, authorizer, admission: chainAdmission(rbacEscalationAdmission(authorizer)), registry: ctx.registry, serverAddress: "test:6443", authorize: (a) => authorizer.authorize(a), elapsedMs: () => ++t },
      request,
    );
  const admin = new InProcessClient(serve, { username: "root", uid: "0", groups: ["system:masters", "system:authenticated"] });
  const alice = new InProcessClient(serve, { username: "alice", uid: "1", groups: ["system:authenticated"] });
  return { admin, alice, clock };
}

describe("the API through the in-process client", () => {
  it("creates with system fields, generateName and defaults, then reads it back", async () => {
    const { admin } = await cluster();
    await admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    const created = await admin.create(InProcessClient.path("apps/v1", "deployments", "dev"), {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { generateName: "web-" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    });
    expect(created.metadata).toMatchObject({ name: "web-x2b4z", namespace: "dev", generation: 1, creationTimestamp: "2026-03-01T10:00:00Z" });
    expect(created.metadata.uid).toMatch(/^uid-\d+$/);
    expect(created.spec).toMatchObject({ replicas: 1, strategy: { type: "RollingUpdate" } });
    const read = await admin.get(InProcessClient.path("apps/v1", "deployments", "dev", "web-x2b4z"));
    expect(read.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it("bumps generation only when the spec changes, and refuses stale writes with Conflict", async () => {
    const { admin } = await cluster();
    await admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    const path = InProcessClient.path("apps/v1", "deployments", "dev", "web");
    const base = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 1, selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [] } } } };
    const v1 = await admin.create(InProcessClient.path("apps/v1", "deployments", "dev"), base);
    const labelled = await admin.patch(path, { metadata: { labels: { x: "y" } } });
    expect(labelled.metadata.generation).toBe(1);
    const scaled = await admin.patch(path, { spec: { replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    const stale = admin.update(path, { ...base, metadata: { name: "web", resourceVersion: v1.metadata.resourceVersion } });
    await expect(stale).rejects.toMatchObject({ code: 409, reason: "Conflict" });
  });

  it("denies what RBAC does not grant, in Kubernetes' words, and allows it once bound", async () => {
    const { admin, alice } = await cluster();
    await admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    const denied = alice.list(InProcessClient.path("v1", "pods", "dev"));
    await expect(denied).rejects.toThrow(ApiError);
    await expect(denied).rejects.toMatchObject({
      code: 403,
      message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "dev"',
    });
    await admin.create(InProcessClient.path("rbac.authorization.k8s.io/v1", "rolebindings", "dev"), {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "alice-edit" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice" }],
    });
    expect((await alice.list(InProcessClient.path("v1", "pods", "dev"))).items).toEqual([]);
    await expect(alice.list(InProcessClient.path("v1", "secrets", "default"))).rejects.toMatchObject({ code: 403 });
  });

  it("refuses objects in a namespace that does not exist or is terminating", async () => {
    const { admin } = await cluster();
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } };
    await expect(admin.create(InProcessClient.path("v1", "configmaps", "nope"), cm)).rejects.toMatchObject({
      code: 404,
      message: 'namespaces "nope" not found',
    });
    await admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "old" } });
    await admin.delete("/api/v1/namespaces/old");
    await expect(admin.create(InProcessClient.path("v1", "configmaps", "old"), cm)).rejects.toMatchObject({
      code: 403,
      message: 'configmaps "c" is forbidden: unable to create new content in namespace old because it is being terminated',
    });
  });
});

describe("finalizers", () => {
  it("keeps an object with finalizers until the last one is removed, then deletes it", async () => {
    const { admin } = await cluster();
    const path = InProcessClient.path("v1", "configmaps", "default", "guarded");
    await admin.create(InProcessClient.path("v1", "configmaps", "default"), {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "guarded", finalizers: ["example.com/cleanup"] },
    });
    const marked = (await admin.delete(path)) as { metadata: { deletionTimestamp?: string } };
    expect(marked.metadata.deletionTimestamp).toBe("2026-03-01T10:00:00Z");
    expect((await admin.get(path)).metadata.finalizers).toEqual(["example.com/cleanup"]);
    await admin.patch(path, [{ op: "remove", path: "/metadata/finalizers" }], "json");
    await expect(admin.get(path)).rejects.toMatchObject({ code: 404 });
  });
});

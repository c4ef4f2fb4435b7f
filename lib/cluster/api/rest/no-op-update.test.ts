import { describe, expect, it } from "vitest";
import { createRbacAuthorizer } from "../../auth/rbac-authorizer";
import { ManualClock } from "../../clock";
import { MemoryObjectStore } from "../../store/memory-object-store";
import type { KubeObject } from "../../store/object-store";
import { chainAdmission, rbacEscalationAdmission } from "../admission";
import type { ApiRequest } from "../api-request";
import { bootstrapCluster } from "../bootstrap-cluster";
import { InProcessClient } from "../in-process-client";
import { rbacSourceFromStore } from "../rbac-store-source";
import { ResourceRegistry } from "../resources/resource-registry";
import { serveRequest } from "../serve-request";
import type { ApiContext } from "./api-context";
import { isNoOpUpdate } from "./no-op-update";

const entry = (manager: string, time: string) => ({ manager, operation: "Update", apiVersion: "v1", time, fieldsType: "FieldsV1", fieldsV1: { "f:data": {} } });
const object = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "c", namespace: "default", resourceVersion: "5", managedFields: [entry("kubectl", "2026-03-01T10:00:00Z")] },
  data: { a: "1" },
  ...extra,
});

describe("isNoOpUpdate", () => {
  it("ignores resourceVersion and managedFields timestamps only", () => {
    const later = { ...object(), metadata: { ...object().metadata, resourceVersion: "", managedFields: [entry("kubectl", "2026-03-01T11:00:00Z")] } };
    expect(isNoOpUpdate(object(), later)).toBe(true);
    expect(isNoOpUpdate(object(), object({ data: { a: "2" } }))).toBe(false);
    const otherManager = { ...object(), metadata: { ...object().metadata, managedFields: [entry("kubectl-patch", "2026-03-01T10:00:00Z")] } };
    expect(isNoOpUpdate(object(), otherManager)).toBe(false);
    const labelled = { ...object(), metadata: { ...object().metadata, labels: { x: "y" } } };
    expect(isNoOpUpdate(object(), labelled)).toBe(false);
  });
});

async function apiServer() {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  let uid = 0;
  const ctx: ApiContext = { store, registry: new ResourceRegistry(), clock, cluster: "test", newUid: () => `uid-${++uid}`, randomSuffix: () => "x2b4z" };
  await bootstrapCluster(ctx);
  const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
  const serve = (request: ApiRequest) =>
    serveRequest({ ctx, authorizer, admission: chainAdmission(rbacEscalationAdmission(authorizer)), registry: ctx.registry, serverAddress: "test:6443", authorize: (a) => authorizer.authorize(a), elapsedMs: () => 1 }, request);
  const client = new InProcessClient(serve, { username: "root", uid: "0", groups: ["system:masters", "system:authenticated"] }, "kubectl");
  return { client, clock, store, revision: () => store.currentRevision(ctx.cluster) };
}

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
};
const path = "/apis/apps/v1/namespaces/default/deployments/web";

describe("no-op writes through the API", () => {
  it("a patch that changes nothing keeps the resourceVersion, managedFields and store revision", async () => {
    const api = await apiServer();
    await api.client.create("/apis/apps/v1/namespaces/default/deployments", deployment);
    await api.client.patch(path, { metadata: { labels: { tier: "front" } } }, "merge");
    const before = await api.client.get(path);
    const revision = await api.revision();
    api.clock.advance(60_000);
    for (const [body, type] of [
      [{ metadata: { labels: { tier: "front" } } }, "merge"],
      [{ spec: { template: { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } }, "strategic"],
      [[{ op: "replace", path: "/spec/replicas", value: 2 }], "json"],
    ] as const) {
      const result = await api.client.patch(path, body, type);
      expect(result.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
      expect(result.metadata.managedFields).toEqual(before.metadata.managedFields);
    }
    expect(await api.revision()).toBe(revision);
    expect(await api.client.get(path)).toEqual(before);
  });

  it("a PUT of the stored object changes nothing; a real change still writes", async () => {
    const api = await apiServer();
    await api.client.create("/apis/apps/v1/namespaces/default/deployments", deployment);
    const before = await api.client.get(path);
    api.clock.advance(60_000);
    const same = await api.client.update(path, before);
    expect(same).toEqual(before);
    const changed = await api.client.patch(path, { spec: { replicas: 3 } }, "merge");
    expect(changed.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    expect(changed.metadata.generation).toBe(2);
  });
});

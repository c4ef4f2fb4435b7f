import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { InProcessClient } from "../in-process-client";
import { ApiError } from "../status";
import { recalculateQuotaUsage } from "./quota-usage";
import { corePath, limitRange, pod, quota, wholePipeline } from "./testing/whole-pipeline";

type QuotaStatus = { hard?: Record<string, string>; used?: Record<string, string> };
const statusOf = (object: KubeObject) => (object.status ?? {}) as QuotaStatus;

async function usedOf(admin: InProcessClient, name = "q") {
  return statusOf(await admin.get(corePath("resourcequotas", name))).used;
}

const small = { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

describe("ResourceQuota through the whole API path", () => {
  it("gives a new quota its status: hard from spec, used measured from what the namespace holds", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("pods"), pod("a", { web: small }));
    await admin.create(corePath("configmaps"), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } });
    const created = await admin.create(
      corePath("resourcequotas"),
      quota("q", { pods: "10", "requests.cpu": "2", "limits.memory": "1Gi", configmaps: "5", resourcequotas: "1", "count/deployments.apps": "2" }),
    );
    expect(statusOf(created)).toEqual({
      hard: { configmaps: "5", "count/deployments.apps": "2", "limits.memory": "1Gi", pods: "10", "requests.cpu": "2", resourcequotas: "1" },
      used: { configmaps: "1", "count/deployments.apps": "0", "limits.memory": "256Mi", pods: "1", "requests.cpu": "500m", resourcequotas: "1" },
    });
    // The quota counts itself, so a second one is over the limit.
    await expect(admin.create(corePath("resourcequotas"), quota("q2", { pods: "1" }))).rejects.toMatchObject({
      code: 403,
      message: 'resourcequotas "q2" is forbidden: exceeded quota: q, requested: resourcequotas=1, used: resourcequotas=1, limited: resourcequotas=1',
    });
  });

  it("refuses the pod that would exceed a count, in Kubernetes' exact words", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "2" }));
    await admin.create(corePath("pods"), pod("a"));
    await admin.create(corePath("pods"), pod("b"));
    const third = admin.create(corePath("pods"), pod("c"));
    await expect(third).rejects.toBeInstanceOf(ApiError);
    await expect(third).rejects.toMatchObject({
      code: 403,
      reason: "Forbidden",
      message: 'pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2',
      details: { name: "c", kind: "pods" },
    });
    expect(await usedOf(admin)).toEqual({ pods: "2" });
  });

  it("names the generated pod, and lists every exceeded resource, sorted", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { "requests.cpu": "1", "limits.memory": "600Mi", "requests.memory": "10Gi" }));
    await admin.create(corePath("pods"), pod("a", { web: small }));
    await admin.create(corePath("pods"), pod("b", { web: small }));
    const generated = { ...pod(""), metadata: { generateName: "web-6d4c-" }, spec: pod("", { web: small }).spec };
    await expect(admin.create(corePath("pods"), generated)).rejects.toMatchObject({
      code: 403,
      message:
        'pods "web-6d4c-b0001" is forbidden: exceeded quota: q, requested: limits.memory=256Mi,requests.cpu=500m, ' +
        "used: limits.memory=512Mi,requests.cpu=1, limited: limits.memory=600Mi,requests.cpu=1",
    });
  });

  it("requires cpu and memory to be stated when a quota tracks them", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { "limits.cpu": "2", "limits.memory": "2Gi", pods: "5" }));
    await expect(admin.create(corePath("pods"), pod("x"))).rejects.toMatchObject({
      code: 403,
      message: 'pods "x" is forbidden: failed quota: q: must specify limits.cpu for: web; limits.memory for: web',
    });
    const two = pod("y", { web: { limits: { cpu: "1" } }, sidecar: {} });
    await expect(admin.create(corePath("pods"), two)).rejects.toMatchObject({
      message: 'pods "y" is forbidden: failed quota: q: must specify limits.cpu for: sidecar; limits.memory for: sidecar,web',
    });
    // A LimitRange's defaults (mutating admission) come before the quota check.
    await admin.create(corePath("limitranges"), limitRange("defaults", [{ type: "Container", default: { cpu: "250m", memory: "128Mi" } }]));
    await admin.create(corePath("pods"), pod("x"));
    expect(await usedOf(admin)).toEqual({ "limits.cpu": "250m", "limits.memory": "128Mi", pods: "1" });
  });

  it("never lets concurrent creates overshoot: 10 at once against pods=3, exactly 3 succeed", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "3" }));
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => admin.create(corePath("pods"), pod(`p${i}`))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: 403, message: expect.stringMatching(/exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3$/) as string });
    }
    expect((await admin.list(corePath("pods"))).items).toHaveLength(3);
    expect(await usedOf(admin)).toEqual({ pods: "3" });
  });

  it("holds across API server processes too, through compare-and-swap on the quota", async () => {
    const { admin, anotherProcess } = await wholePipeline();
    const processes = [admin, anotherProcess(), anotherProcess()];
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "4" }));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => processes[i % 3]!.create(corePath("pods"), pod(`p${i}`))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect((await admin.list(corePath("pods"))).items).toHaveLength(4);
    expect(await usedOf(admin)).toEqual({ pods: "4" });
  });

  it("does not charge dry runs, though it checks them", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "1", "requests.memory": "1Gi" }));
    const dry = () => admin.request("POST", corePath("pods"), { body: pod("a", { web: small }), query: { dryRun: "All" } });
    await dry();
    await dry();
    expect(await usedOf(admin)).toEqual({ pods: "0", "requests.memory": "0" });
    await admin.create(corePath("pods"), pod("a", { web: small }));
    await expect(admin.request("POST", corePath("pods"), { body: pod("b", { web: small }), query: { dryRun: "All" } })).rejects.toMatchObject({
      code: 403,
      message: 'pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1',
    });
    expect(await usedOf(admin)).toEqual({ pods: "1", "requests.memory": "256Mi" });
  });

  it("keeps status.used in step with creates, deletes and finished pods", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "5", "count/pods": "5", "requests.cpu": "4", secrets: "3", "count/deployments.apps": "1" }));
    await admin.create(corePath("pods"), pod("a", { web: small }));
    await admin.create(corePath("pods"), pod("b", { web: small }));
    await admin.create(corePath("secrets"), { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { k: "v" } });
    const deployments = InProcessClient.path("apps/v1", "deployments", "dev");
    const deployment = (name: string) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name },
      spec: { selector: { matchLabels: { a: name } }, template: { metadata: { labels: { a: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    await admin.create(deployments, deployment("one"));
    await expect(admin.create(deployments, deployment("two"))).rejects.toMatchObject({
      message: 'deployments.apps "two" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    });
    expect(await usedOf(admin)).toEqual({ "count/deployments.apps": "1", "count/pods": "2", pods: "2", "requests.cpu": "1", secrets: "1" });

    await admin.delete(corePath("pods", "a"));
    await admin.delete(corePath("secrets", "s"));
    expect(await usedOf(admin)).toEqual({ "count/deployments.apps": "1", "count/pods": "1", pods: "1", "requests.cpu": "500m", secrets: "0" });

    // A pod that has finished keeps counting as an object, not as a running pod.
    const b = await admin.get(corePath("pods", "b"));
    await admin.update(corePath("pods", "b", "status"), { ...b, status: { phase: "Succeeded" } });
    expect(await usedOf(admin)).toEqual({ "count/deployments.apps": "1", "count/pods": "1", pods: "0", "requests.cpu": "0", secrets: "0" });
    await admin.delete(corePath("pods", "b"));
    expect(await usedOf(admin)).toEqual({ "count/deployments.apps": "1", "count/pods": "0", pods: "0", "requests.cpu": "0", secrets: "0" });
  });

  it("does not charge a create that fails because the name is taken", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "5" }));
    await admin.create(corePath("pods"), pod("a"));
    await expect(admin.create(corePath("pods"), pod("a"))).rejects.toMatchObject({ code: 409, reason: "AlreadyExists" });
    expect(await usedOf(admin)).toEqual({ pods: "1" });
  });

  it("charges updates for what they add: node ports, storage", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { "services.nodeports": "2", services: "5", "requests.storage": "3Gi" }));
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { selector: { a: "b" }, ports: [{ port: 80 }, { port: 443 }, { port: 8080 }] } };
    await admin.create(corePath("services"), service);
    await expect(admin.patch(corePath("services", "s"), { spec: { type: "NodePort" } })).rejects.toMatchObject({
      code: 403,
      message: 'services "s" is forbidden: exceeded quota: q, requested: services.nodeports=3, used: services.nodeports=0, limited: services.nodeports=2',
    });
    await admin.create(corePath("persistentvolumeclaims"), {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    await admin.patch(corePath("persistentvolumeclaims", "data"), { spec: { resources: { requests: { storage: "2Gi" } } } });
    expect(await usedOf(admin)).toEqual({ "requests.storage": "2Gi", services: "1", "services.nodeports": "0" });
    await expect(admin.patch(corePath("persistentvolumeclaims", "data"), { spec: { resources: { requests: { storage: "4Gi" } } } })).rejects.toMatchObject({
      message: 'persistentvolumeclaims "data" is forbidden: exceeded quota: q, requested: requests.storage=2Gi, used: requests.storage=2Gi, limited: requests.storage=3Gi',
    });
  });

  it("charges server-side apply creates like any other", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "1" }));
    const apply = (name: string) =>
      admin.request("PATCH", corePath("pods", name), {
        body: pod(name),
        contentType: "application/apply-patch+yaml",
        query: { fieldManager: "kubectl" },
      });
    await apply("a");
    await expect(apply("b")).rejects.toMatchObject({ code: 403, message: 'pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1' });
  });

  it("only counts pods in a quota's scopes", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("best-effort", { pods: "1" }, { scopes: ["BestEffort"] }));
    await admin.create(corePath("pods"), pod("a"));
    await admin.create(corePath("pods"), pod("b", { web: small }));
    await expect(admin.create(corePath("pods"), pod("c"))).rejects.toMatchObject({
      message: 'pods "c" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
    });
    expect(await usedOf(admin, "best-effort")).toEqual({ pods: "1" });
  });

  it("measures usage again for a quota that has none recorded, and recalculateQuotaUsage corrects drift", async () => {
    const { admin, ctx, store } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "3" }));
    await admin.create(corePath("pods"), pod("a"));
    const key = { cluster: ctx.cluster, group: "", resource: "resourcequotas", namespace: "dev", name: "q" };
    const stored = (await store.get(key))!;
    // Usage that drifted (e.g. a controller lost an update), and then none at all.
    await store.update(key, { ...stored, status: { hard: { pods: "3" }, used: { pods: "3" } } });
    expect((await recalculateQuotaUsage(ctx, "dev")).map((q) => statusOf(q).used)).toEqual([{ pods: "1" }]);
    await store.update(key, { ...(await store.get(key))!, status: {} });
    await admin.create(corePath("pods"), pod("b"));
    expect(await usedOf(admin)).toEqual({ pods: "2" });
  });

  it("keeps used when only the limits change, and measures what a quota newly tracks", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("resourcequotas"), quota("q", { pods: "3" }));
    await admin.create(corePath("pods"), pod("a", { web: small }));
    const updated = await admin.patch(corePath("resourcequotas", "q"), { spec: { hard: { pods: "4", "requests.memory": "1Gi" } } });
    expect(statusOf(updated)).toEqual({ hard: { pods: "4", "requests.memory": "1Gi" }, used: { pods: "1", "requests.memory": "256Mi" } });
    const lowered = await admin.patch(corePath("resourcequotas", "q"), { spec: { hard: { pods: "1", "requests.memory": null } } });
    expect(statusOf(lowered)).toEqual({ hard: { pods: "1" }, used: { pods: "1" } });
  });
});

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { InProcessClient } from "../in-process-client";
import { corePath, limitRange, pod, wholePipeline } from "./testing/whole-pipeline";

type Container = { name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } };
const containers = (object: KubeObject, field = "containers") => (object.spec as Record<string, Container[]>)[field] ?? [];

describe("LimitRanger through the whole API path", () => {
  it("fills in a pod's missing resources from the namespace's LimitRange, and says so", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("defaults", [
      { type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "0.1", memory: "128Mi" } },
    ]));
    const created = await admin.create(corePath("pods"), {
      ...pod("web"),
      spec: { ...pod("web").spec, initContainers: [{ name: "setup", image: "busybox:1.36" }] },
    });
    const expected = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } };
    expect(containers(created)[0]?.resources).toEqual(expected);
    expect(containers(created, "initContainers")[0]?.resources).toEqual(expected);
    expect(created.metadata.annotations).toEqual({
      "kubernetes.io/limit-ranger":
        "LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web; " +
        "cpu, memory request for init container setup; cpu, memory limit for init container setup",
    });
    // What was stored, not just what was answered.
    expect(containers(await admin.get(corePath("pods", "web")))[0]?.resources).toEqual(expected);
  });

  it("keeps what a container states; requests default to its own limits before the LimitRange's", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("defaults", [
      { type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" } },
    ]));
    const created = await admin.create(corePath("pods"), pod("web", { web: { limits: { cpu: "1" } } }));
    expect(containers(created)[0]?.resources).toEqual({
      requests: { cpu: "1", memory: "128Mi" },
      limits: { cpu: "1", memory: "256Mi" },
    });
    expect((created.metadata.annotations as Record<string, string>)["kubernetes.io/limit-ranger"]).toBe(
      "LimitRanger plugin set: memory request for container web; memory limit for container web",
    );
  });

  it("defaults a LimitRange item as Kubernetes does: default from max, defaultRequest from default or min", async () => {
    const { admin } = await wholePipeline();
    const stored = await admin.create(corePath("limitranges"), limitRange("lr", [
      { type: "Container", max: { memory: "1Gi" }, min: { cpu: "50m" }, default: { cpu: "0.5" } },
    ]));
    expect((stored.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: "Container",
      max: { memory: "1Gi" },
      min: { cpu: "50m" },
      default: { cpu: "500m", memory: "1Gi" },
      defaultRequest: { cpu: "500m", memory: "1Gi" },
    });
    const created = await admin.create(corePath("pods"), pod("web"));
    expect(containers(created)[0]?.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } });
  });

  it("refuses containers outside min and max, with every reason in Kubernetes' words", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("bounds", [{ type: "Container", min: { cpu: "100m" }, max: { memory: "1Gi" } }]));
    const refused = admin.create(corePath("pods"), pod("x", { web: { requests: { cpu: "50m" }, limits: { memory: "2Gi" } } }));
    await expect(refused).rejects.toMatchObject({
      code: 403,
      reason: "Forbidden",
      message:
        'pods "x" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, ' +
        "maximum memory usage per Container is 1Gi, but limit is 2Gi]",
      details: { name: "x", kind: "pods" },
    });
    await expect(admin.get(corePath("pods", "x"))).rejects.toMatchObject({ code: 404 });
  });

  it("enforces Pod totals and the limit-to-request ratio", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("pod", [{ type: "Pod", max: { memory: "1Gi" } }]));
    const twoContainers = pod("big", { a: { limits: { memory: "1Gi" } }, b: { limits: { memory: "1Gi" } } });
    await expect(admin.create(corePath("pods"), twoContainers)).rejects.toMatchObject({
      code: 403,
      message: 'pods "big" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 2147483648',
    });
    // A pod without a memory limit cannot meet that Pod maximum at all.
    await expect(admin.create(corePath("pods"), pod("unbounded"))).rejects.toMatchObject({
      message: 'pods "unbounded" is forbidden: maximum memory usage per Pod is 1Gi.  No limit is specified',
    });
    await admin.delete(corePath("limitranges", "pod"));
    await admin.create(corePath("limitranges"), limitRange("ratio", [{ type: "Container", maxLimitRequestRatio: { cpu: "2" } }]));
    await expect(admin.create(corePath("pods"), pod("bursty", { web: { requests: { cpu: "100m" }, limits: { cpu: "500m" } } }))).rejects.toMatchObject({
      code: 403,
      message: 'pods "bursty" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000',
    });
    await expect(admin.create(corePath("pods"), pod("none", { web: { requests: { memory: "1Mi" }, limits: { memory: "1Mi" } } }))).rejects.toMatchObject({
      message: 'pods "none" is forbidden: cpu max limit to request ratio per Container is 2, but no request is specified or request is 0',
    });
    await admin.create(corePath("pods"), pod("fine", { web: { requests: { cpu: "250m" }, limits: { cpu: "500m", memory: "512Mi" } } }));
  });

  it("bounds PersistentVolumeClaim storage on create and on resize", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("storage", [{ type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "2Gi" } }]));
    const claim = (name: string, storage: string) => ({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } },
    });
    await expect(admin.create(corePath("persistentvolumeclaims"), claim("big", "5Gi"))).rejects.toMatchObject({
      code: 403,
      message: 'persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    });
    await expect(admin.create(corePath("persistentvolumeclaims"), claim("small", "500Mi"))).rejects.toMatchObject({
      message: 'persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    });
    await admin.create(corePath("persistentvolumeclaims"), claim("data", "1Gi"));
    await expect(admin.patch(corePath("persistentvolumeclaims", "data"), { spec: { resources: { requests: { storage: "3Gi" } } } })).rejects.toMatchObject({
      code: 403,
      message: 'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 3Gi',
    });
  });

  it("defaults pods, not their templates: a Deployment's pods get defaults when created", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("defaults", [{ type: "Container", default: { cpu: "500m" } }]));
    const deployment = await admin.create(InProcessClient.path("apps/v1", "deployments", "dev"), {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    });
    const template = (deployment.spec as { template: KubeObject }).template;
    expect(containers(template)[0]?.resources).toEqual({});
  });

  it("shows the defaults on a dry run, and leaves updates of pods alone", async () => {
    const { admin } = await wholePipeline();
    await admin.create(corePath("limitranges"), limitRange("defaults", [{ type: "Container", default: { cpu: "500m" } }]));
    const dry = (await admin.request("POST", corePath("pods"), { body: pod("web"), query: { dryRun: "All" } })) as KubeObject;
    expect(containers(dry)[0]?.resources).toEqual({ requests: { cpu: "500m" }, limits: { cpu: "500m" } });
    await expect(admin.get(corePath("pods", "web"))).rejects.toMatchObject({ code: 404 });
    const created = await admin.create(corePath("pods"), pod("web"));
    await admin.create(corePath("limitranges"), limitRange("tighter", [{ type: "Container", max: { cpu: "100m" } }]));
    const labelled = await admin.patch(corePath("pods", "web"), { metadata: { labels: { tier: "front" } } });
    expect(containers(labelled)[0]?.resources).toEqual(containers(created)[0]?.resources);
  });

  it("stores quantities canonically, so writing the same amount another way is no change", async () => {
    const { admin } = await wholePipeline();
    const path = InProcessClient.path("apps/v1", "deployments", "dev");
    const deployment = (cpu: string) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", resources: { limits: { cpu } } }] } },
      },
    });
    const created = await admin.create(path, deployment("0.5"));
    expect(containers((created.spec as { template: KubeObject }).template)[0]?.resources).toEqual({ limits: { cpu: "500m" } });
    const replaced = await admin.update(`${path}/web`, deployment("500m"));
    expect(replaced.metadata.generation).toBe(1);
    const again = await admin.update(`${path}/web`, deployment(".5"));
    expect(again.metadata.generation).toBe(1);
    expect((await admin.update(`${path}/web`, deployment("1"))).metadata.generation).toBe(2);
  });

  it("refuses malformed quantities as the decoder would", async () => {
    const { admin } = await wholePipeline();
    await expect(admin.create(corePath("pods"), pod("bad", { web: { limits: { cpu: "lots" } } }))).rejects.toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    });
    const created = await admin.create(corePath("pods"), pod("odd", { web: { requests: { cpu: "0.25", memory: "1.5Gi" } } }));
    expect(containers(created)[0]?.resources).toEqual({ requests: { cpu: "250m", memory: "1536Mi" } });
  });
});

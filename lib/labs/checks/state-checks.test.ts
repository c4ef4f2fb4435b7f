import { describe, expect, it } from "vitest";
import { evaluateStep } from "../evaluate";
import { MemoryLabCluster, fixtures } from "../testing/memory-lab-cluster";
import { labFromChecks } from "../testing/lab-from-checks";
import type { KubeObject } from "../lab-cluster";

const now = new Date("2026-01-01T10:00:00Z");

async function run(checkYaml: string, objects: KubeObject[]): Promise<{ passed: boolean; message: string }> {
  const lab = await labFromChecks(`- ${checkYaml}`);
  const result = await evaluateStep(lab, "only", new MemoryLabCluster({ objects }), now);
  const first = result.results[0]!;
  return { passed: first.passed, message: first.message };
}

describe("objectExists / absent", () => {
  const deploy = fixtures.deployment("hello-deploy", 5, 5, "nigelpoulton/k8sbook:2.0");
  it("passes on fields, labels and images", async () => {
    const r = await run(
      `{ id: c, type: objectExists, kind: Deployment, name: hello-deploy, fields: { spec.replicas: 5, "spec.template.spec.containers[0].name": web }, labels: { app: hello-deploy }, images: ["nigelpoulton/k8sbook:2.0"] }`,
      [deploy],
    );
    expect(r).toEqual({ passed: true, message: "Deployment hello-deploy exists as the step wants" });
  });
  it("says what is missing or different", async () => {
    expect((await run("{ id: c, type: objectExists, kind: Deployment, name: web }", [deploy])).message).toBe(
      "Deployment web not found; the step wants it to exist",
    );
    expect((await run("{ id: c, type: objectExists, kind: Deployment, name: hello-deploy, fields: { spec.replicas: 3 } }", [deploy])).message).toBe(
      "Deployment hello-deploy has spec.replicas = 5; the step wants 3",
    );
    expect((await run("{ id: c, type: objectExists, kind: Deployment, name: hello-deploy, labels: { tier: web } }", [deploy])).message).toBe(
      "Deployment hello-deploy has no label tier; the step wants tier=web",
    );
    expect((await run('{ id: c, type: objectExists, kind: Deployment, name: hello-deploy, images: ["nigelpoulton/k8sbook:1.0"] }', [deploy])).message).toBe(
      "Deployment hello-deploy runs image nigelpoulton/k8sbook:2.0; the step wants nigelpoulton/k8sbook:1.0",
    );
  });
  it("absent fails while the object exists", async () => {
    expect(await run("{ id: c, type: absent, kind: Deployment, name: hello-deploy }", [deploy])).toEqual({
      passed: false,
      message: "Deployment hello-deploy still exists; the step wants it gone",
    });
    expect((await run("{ id: c, type: absent, kind: Deployment, name: hello-deploy }", [])).passed).toBe(true);
  });
});

describe("readyReplicas / readyPods", () => {
  it("reports ready replicas against the wanted count", async () => {
    const objs = [fixtures.deployment("hello-deploy", 5, 3)];
    expect(await run("{ id: c, type: readyReplicas, name: hello-deploy, count: 5 }", objs)).toEqual({
      passed: false,
      message: "Deployment hello-deploy has 3 ready replicas; the step wants 5",
    });
    expect((await run("{ id: c, type: readyReplicas, name: hello-deploy, min: 3 }", objs)).passed).toBe(true);
    expect((await run("{ id: c, type: readyReplicas, name: nope, min: 3 }", objs)).message).toBe(
      "Deployment nope not found; the step wants at least 3 ready replicas",
    );
  });
  it("counts ready pods by selector and by owning Deployment", async () => {
    const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-abc", ownerReferences: [{ kind: "Deployment", name: "web" }] } };
    const owner = { kind: "ReplicaSet", name: "web-abc" };
    const objs = [
      rs,
      fixtures.pod("web-abc-1", { app: "web" }, { owner }),
      fixtures.pod("web-abc-2", { app: "web" }, { owner, ready: false }),
      fixtures.pod("other", { app: "web" }),
    ];
    expect(await run("{ id: c, type: readyPods, selector: { app: web }, count: 3 }", objs)).toEqual({
      passed: false,
      message: "2 ready pods with labels app=web; the step wants 3",
    });
    expect(await run("{ id: c, type: readyPods, owner: { kind: Deployment, name: web }, count: 1 }", objs)).toEqual({
      passed: true,
      message: "1 ready pod of Deployment web",
    });
  });
});

describe("podPhase / containerState", () => {
  const waiting: KubeObject = {
    ...fixtures.pod("broken", { app: "broken" }, { phase: "Pending", ready: false }),
    status: { phase: "Pending", containerStatuses: [{ name: "app", state: { waiting: { reason: "ImagePullBackOff" } } }] },
  };
  it("podPhase compares the phase", async () => {
    expect(await run("{ id: c, type: podPhase, pod: broken, phase: Running }", [waiting])).toEqual({
      passed: false,
      message: "Pod broken is Pending; the step wants Running",
    });
    expect((await run("{ id: c, type: podPhase, selector: { app: broken }, phase: Pending }", [waiting])).passed).toBe(true);
  });
  it("containerState matches state and reason", async () => {
    expect((await run("{ id: c, type: containerState, pod: broken, state: waiting, reason: ImagePullBackOff }", [waiting])).passed).toBe(true);
    expect((await run("{ id: c, type: containerState, pod: broken, container: app, state: running }", [waiting])).message).toBe(
      "Pod broken: broken/app is waiting (ImagePullBackOff); the step wants container app running",
    );
  });
});

describe("serviceSelects / endpointsReady", () => {
  const pods = [fixtures.pod("a", { app: "web" }), fixtures.pod("b", { app: "web" }), fixtures.pod("c", { app: "api" })];
  it("counts the pods a Service selects", async () => {
    expect((await run("{ id: c, type: serviceSelects, service: web, count: 2 }", [...pods, fixtures.service("web", { app: "web" })])).passed).toBe(true);
    expect(await run("{ id: c, type: serviceSelects, service: web, min: 1 }", [...pods, fixtures.service("web", { app: "wbe" })])).toEqual({
      passed: false,
      message: "Service web (selector app=wbe) selects 0 pods; the step wants at least 1",
    });
    expect((await run("{ id: c, type: serviceSelects, service: web, podSelector: { app: api } }", [...pods, fixtures.service("web", { app: "web" })])).message).toBe(
      "Service web (selector app=web) selects 2 pods, missing c; the step wants every pod with labels app=api",
    );
  });
  it("counts ready endpoints from EndpointSlices", async () => {
    const slice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "web-x", labels: { "kubernetes.io/service-name": "web" } },
      endpoints: [{ conditions: { ready: true } }, { conditions: { ready: false } }, {}],
    };
    const objs = [fixtures.service("web", { app: "web" }), slice];
    expect(await run("{ id: c, type: endpointsReady, service: web, count: 3 }", objs)).toEqual({
      passed: false,
      message: "Service web has 2 ready endpoints; the step wants 3",
    });
    expect((await run("{ id: c, type: endpointsReady, service: web, min: 2 }", objs)).passed).toBe(true);
  });
});

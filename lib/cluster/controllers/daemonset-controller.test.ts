import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../api/in-process-client";
import type { Pod } from "./deployment/workload-objects";
import { daemonSetController } from "./daemonset-controller";
import { kubelet } from "./kubelet/kubelet";
import { nodeAgent } from "./nodes/node-agent";
import { nodeLifecycle } from "./nodes/node-lifecycle";
import { scheduler } from "./scheduler/scheduler";
import type { SimulationConfig } from "./runtime/simulation-config";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const NS = "kube-system";
const dsPath = (name?: string) => InProcessClient.path("apps/v1", "daemonsets", NS, name);
const podPath = () => InProcessClient.path("v1", "pods", NS);
const WORKERS = ["kubeclass-worker", "kubeclass-worker2", "kubeclass-worker3"];

/** The real simulated nodes, scheduler and kubelet, so daemon pods are bound and become Ready. */
async function start(config: Partial<SimulationConfig> = {}): Promise<TestCluster> {
  const c = await startTestCluster([nodeAgent, nodeLifecycle, scheduler, kubelet, daemonSetController], { config });
  cluster = c;
  await c.settle();
  return c;
}

function daemonSet(name: string, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "agent", image: "nginx:1.27" }], ...podSpec } },
      ...spec,
    },
  };
}

const pods = async (c: TestCluster) => ((await c.client.list(podPath())).items as unknown as Pod[]).filter((p) => !p.metadata?.deletionTimestamp);
const placement = async (c: TestCluster) => (await pods(c)).map((p) => `${p.spec?.nodeName ?? "-"} ${p.spec?.containers[0]?.image ?? ""} ${p.status?.phase ?? ""}`).sort();
const statusOf = async (c: TestCluster, name: string) => (await c.client.get(dsPath(name))).status as Record<string, number>;

describe("DaemonSet controller", () => {
  it("runs one pod on each worker, pinned by node name; the tainted control plane is skipped", async () => {
    const c = await start();
    await c.client.create(dsPath(), daemonSet("logs"));
    await c.settle();
    expect(await placement(c)).toEqual(WORKERS.map((n) => `${n} nginx:1.27 Running`));
    // The scheduler honoured each pod's matchFields pin rather than spreading them as it liked.
    for (const p of await pods(c)) {
      const pinned = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0];
      expect(p.spec?.nodeName).toBe(pinned);
    }
    const pod = (await pods(c)).find((p) => p.spec?.nodeName === "kubeclass-worker2");
    expect(pod?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: "metadata.name", operator: "In", values: ["kubeclass-worker2"] }] },
    ]);
    expect(pod?.spec?.tolerations).toContainEqual({ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" });
    expect(pod?.spec?.tolerations).toContainEqual({ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" });
    expect(pod?.metadata?.labels?.["controller-revision-hash"]).toMatch(/^[a-z0-9]+$/);
    expect(await statusOf(c, "logs")).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    expect(c.errors).toEqual([]);
  });

  it("runs on the control plane too when the template tolerates its taint", async () => {
    const c = await start();
    await c.client.create(dsPath(), daemonSet("proxy", {}, { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] }));
    await c.settle();
    expect(await placement(c)).toEqual(["kubeclass-control-plane", ...WORKERS].map((n) => `${n} nginx:1.27 Running`));
  });

  it("follows the node selector as node labels change", async () => {
    const c = await start();
    await c.client.patch("/api/v1/nodes/kubeclass-worker", { metadata: { labels: { disk: "ssd" } } }, "merge");
    await c.client.create(dsPath(), daemonSet("ssd", {}, { nodeSelector: { disk: "ssd" } }));
    await c.settle();
    expect(await placement(c)).toEqual(["kubeclass-worker nginx:1.27 Running"]);
    await c.client.patch("/api/v1/nodes/kubeclass-worker", { metadata: { labels: { disk: null } } }, "merge");
    await c.client.patch("/api/v1/nodes/kubeclass-worker3", { metadata: { labels: { disk: "ssd" } } }, "merge");
    await c.settle({ advanceTimersUpTo: 60_000 });
    expect(await placement(c)).toEqual(["kubeclass-worker3 nginx:1.27 Running"]);
    expect(await statusOf(c, "ssd")).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it("rolls an update out node by node within maxUnavailable", async () => {
    const c = await start({ imagePullMs: 1_000, containerStartMs: 1_000 });
    await c.client.create(dsPath(), daemonSet("logs", { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 2 } } }));
    await c.settle({ advanceTimersUpTo: 10_000 });
    expect(await statusOf(c, "logs")).toMatchObject({ numberAvailable: 3 });
    await c.client.patch(dsPath("logs"), { spec: { template: { spec: { containers: [{ name: "agent", image: "nginx:1.28" }] } } } }, "merge");
    // No time passes: the replacements cannot become Ready yet, so two old pods go and one stays serving.
    await c.settle();
    expect((await pods(c)).map((p) => p.spec?.containers[0]?.image).filter((i) => i === "nginx:1.27")).toHaveLength(1);
    expect(await statusOf(c, "logs")).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 1, numberUnavailable: 2 });
    // Half a second at a time: never fewer than 3 - maxUnavailable nodes with a Ready daemon, until all are new.
    const readyNodes = async () => (await pods(c)).filter((p) => p.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True")).length;
    let steps = 0;
    while ((await statusOf(c, "logs")).updatedNumberScheduled !== 3 || (await readyNodes()) < 3) {
      c.clock.advance(500);
      await c.settle();
      expect(await readyNodes()).toBeGreaterThanOrEqual(1);
      expect(++steps).toBeLessThan(200);
    }
    expect(await placement(c)).toEqual(WORKERS.map((n) => `${n} nginx:1.28 Running`));
    expect(await statusOf(c, "logs")).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    expect((await c.client.list(InProcessClient.path("apps/v1", "controllerrevisions", NS))).items).toHaveLength(2);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../../api/in-process-client";
import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import { nodeAgent } from "../nodes/node-agent";
import { nodeLifecycle } from "../nodes/node-lifecycle";
import { scheduler } from "../scheduler/scheduler";
import { startTestCluster, type TestCluster } from "../testing/test-cluster";
import { kubelet } from "./kubelet";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const podPath = (name: string) => InProcessClient.path("v1", "pods", "lab", name);

async function start(config = {}) {
  cluster = await startTestCluster([nodeAgent, nodeLifecycle, scheduler, kubelet], { config });
  await cluster.settle();
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "lab" } });
  return cluster;
}

async function pod(c: TestCluster, name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return c.client.create(InProcessClient.path("v1", "pods", "lab"), {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: name } },
    spec: { containers: [{ name: "main", ...container }], ...spec },
  });
}

type Status = { phase?: string; podIP?: string; hostIP?: string; conditions?: { type: string; status: string; reason?: string; message?: string }[]; containerStatuses?: { state: Record<string, { reason?: string; message?: string; exitCode?: number }>; ready: boolean; restartCount: number }[] };
const statusOf = async (c: TestCluster, name: string) => (await c.client.get(podPath(name))).status as Status;

async function eventsFor(c: TestCluster, name: string): Promise<string[]> {
  const list = await c.client.list(InProcessClient.path("v1", "events", "lab"));
  return list.items.filter((e) => (e.involvedObject as { name?: string }).name === name).map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

describe("simulated nodes, scheduler and kubelet", () => {
  it("registers four Ready nodes with leases, the control plane tainted", async () => {
    const c = await start();
    const nodes = (await c.client.list("/api/v1/nodes")).items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(["kubeclass-control-plane", "kubeclass-worker", "kubeclass-worker2", "kubeclass-worker3"]);
    for (const node of nodes) {
      const ready = (node.status as Status).conditions?.find((x) => x.type === "Ready");
      expect(ready?.status).toBe("True");
    }
    expect((nodes[0]?.spec as { taints?: unknown[] }).taints).toEqual([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
    expect((await c.client.list(InProcessClient.path("coordination.k8s.io/v1", "leases", "kube-node-lease"))).items).toHaveLength(4);
  });

  it("schedules a pod onto a worker and runs it: IP, Ready, and the kubelet's events", async () => {
    const c = await start({ imagePullMs: 1500, containerStartMs: 500 });
    await pod(c, "web", { image: "nginx:1.27" });
    await c.settle();
    const bound = await c.client.get(podPath("web"));
    const node = (bound.spec as { nodeName?: string }).nodeName;
    expect(node).toMatch(/^kubeclass-worker\d?$/);
    expect((await statusOf(c, "web")).containerStatuses?.[0]?.state.waiting?.reason).toBe("ContainerCreating");

    await c.settle({ advanceTimersUpTo: 5_000 });
    const status = await statusOf(c, "web");
    expect(status.phase).toBe("Running");
    expect(status.podIP).toMatch(/^10\.244\.[123]\.\d+$/);
    expect(status.conditions?.find((x) => x.type === "Ready")?.status).toBe("True");
    // Events in the same second list in name order, so compare as sets.
    expect((await eventsFor(c, "web")).sort()).toEqual(
      [
        `Scheduled: Successfully assigned lab/web to ${node}`,
        'Pulling: Pulling image "nginx:1.27"',
        'Pulled: Successfully pulled image "nginx:1.27" in 1.5s (1.5s including waiting). Image size: 70988595 bytes.',
        "Created: Created container main",
        "Started: Started container main",
      ].sort(),
    );
  });

  it("explains a pod that fits nowhere in kube-scheduler's words", async () => {
    const c = await start();
    await pod(c, "huge", { image: "nginx", resources: { requests: { cpu: "64" } } });
    await c.settle();
    const status = await statusOf(c, "huge");
    const message = "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.";
    expect(status.conditions?.find((x) => x.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message });
    expect(await eventsFor(c, "huge")).toEqual([`FailedScheduling: ${message}`]);
  });

  it("reports images that do not exist: ErrImagePull, then ImagePullBackOff", async () => {
    const c = await start();
    await pod(c, "typo", { image: "ngnix:1.27" });
    await c.settle();
    const reason = (await statusOf(c, "typo")).containerStatuses?.[0]?.state.waiting?.reason;
    expect(["ErrImagePull", "ImagePullBackOff"]).toContain(reason);
    const events = await eventsFor(c, "typo");
    expect(events.some((e) => e.startsWith('Failed: Failed to pull image "ngnix:1.27": failed to pull and unpack image "docker.io/library/ngnix:1.27"'))).toBe(true);
    expect(events).toContain("Failed: Error: ImagePullBackOff");
  });

  it("holds a container whose ConfigMap key is missing in CreateContainerConfigError, and starts it once the key exists", async () => {
    const c = await start();
    const configMaps = InProcessClient.path("v1", "configmaps", "lab");
    await c.client.create(configMaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "shop" }, data: { color: "blue" } });
    await pod(c, "shop", { image: "nginx:1.27", env: [{ name: "COLOR", valueFrom: { configMapKeyRef: { name: "shop", key: "colour" } } }] });
    await pod(c, "nomap", { image: "nginx:1.27", envFrom: [{ configMapRef: { name: "nope" } }] });
    await pod(c, "optional", { image: "nginx:1.27", env: [{ name: "X", valueFrom: { secretKeyRef: { name: "nope", key: "x", optional: true } } }] });
    await c.settle();
    const waiting = async (name: string) => (await statusOf(c, name)).containerStatuses?.[0]?.state.waiting;
    expect(await waiting("shop")).toEqual({ reason: "CreateContainerConfigError", message: "couldn't find key colour in ConfigMap lab/shop" });
    expect(await eventsFor(c, "shop")).toContain("Failed: Error: couldn't find key colour in ConfigMap lab/shop");
    expect((await waiting("nomap"))?.message).toBe('configmap "nope" not found');
    expect((await statusOf(c, "optional")).phase).toBe("Running");
    await c.client.update(InProcessClient.path("v1", "configmaps", "lab", "shop"), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "shop" }, data: { color: "blue", colour: "red" } });
    await c.settle({ advanceTimersUpTo: 15_000 });
    expect((await statusOf(c, "shop")).phase).toBe("Running");
  });

  it("waits to mount a Secret volume until the Secret exists, reporting FailedMount meanwhile", async () => {
    const c = await start();
    await pod(c, "secret-pod", { image: "nginx:1.27", volumeMounts: [{ name: "creds", mountPath: "/etc/creds" }] }, { volumes: [{ name: "creds", secret: { secretName: "creds" } }] });
    await c.settle();
    expect((await statusOf(c, "secret-pod")).phase).toBe("Pending");
    expect(await eventsFor(c, "secret-pod")).toContain('FailedMount: MountVolume.SetUp failed for volume "creds" : secret "creds" not found');
    await c.client.create(InProcessClient.path("v1", "secrets", "lab"), { apiVersion: "v1", kind: "Secret", metadata: { name: "creds" }, data: { pwd: "eA==" } });
    await c.settle({ advanceTimersUpTo: 15_000 });
    expect((await statusOf(c, "secret-pod")).phase).toBe("Running");
  });

  it("crash-loops a container that exits, with growing back-off, and completes a pod that should", async () => {
    const c = await start();
    await pod(c, "crash", { image: "busybox", command: ["sh", "-c", "echo bye; exit 3"] });
    await pod(c, "once", { image: "busybox", command: ["sh", "-c", "echo done"] }, { restartPolicy: "Never" });
    await c.settle({ advanceTimersUpTo: 35_000 });
    const crash = await statusOf(c, "crash");
    expect(crash.containerStatuses?.[0]?.state.waiting?.reason).toBe("CrashLoopBackOff");
    expect(crash.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(2);
    expect((await c.client.get(podPath("crash"))).status).toMatchObject({ containerStatuses: [{ lastState: { terminated: { exitCode: 3, reason: "Error" } } }] });
    const once = await statusOf(c, "once");
    expect(once.phase).toBe("Succeeded");
    expect(once.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("runs init containers before the app and deletes pods gracefully", async () => {
    const c = await start();
    await pod(c, "init", { image: "nginx" }, { initContainers: [{ name: "wait", image: "busybox", command: ["sh", "-c", "sleep 5"] }] });
    await c.settle();
    expect((await statusOf(c, "init")).conditions?.find((x) => x.type === "Initialized")?.status).toBe("False");
    await c.settle({ advanceTimersUpTo: 6_000 });
    expect((await statusOf(c, "init")).phase).toBe("Running");

    await c.client.delete(podPath("init"));
    await c.settle({ advanceTimersUpTo: 2_000 });
    await expect(c.client.get(podPath("init"))).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 404);
  });

  it("marks a stopped node NotReady and evicts its pods after their toleration", async () => {
    const c = await start();
    await pod(c, "victim", { image: "nginx" }, { nodeSelector: { "kubernetes.io/hostname": "kubeclass-worker2" } });
    await c.settle({ advanceTimersUpTo: 1_000 });
    expect((await statusOf(c, "victim")).phase).toBe("Running");
    await c.client.patch("/api/v1/nodes/kubeclass-worker2", { metadata: { annotations: { "kubeclass.dev/stopped": "true" } } });
    await c.settle({ advanceTimersUpTo: 60_000 });
    const node = await c.client.get("/api/v1/nodes/kubeclass-worker2");
    expect((node.status as Status).conditions?.find((x) => x.type === "Ready")?.status).toBe("Unknown");
    expect(((node.spec as { taints?: { key: string }[] }).taints ?? []).map((t) => t.key)).toContain("node.kubernetes.io/unreachable");
    expect((await statusOf(c, "victim")).conditions?.find((x) => x.type === "Ready")?.status).toBe("False");
    await c.settle({ advanceTimersUpTo: 300_000 });
    const evicted: KubeObject = await c.client.get(podPath("victim"));
    // Marked for deletion; the stopped kubelet cannot confirm, so it stays Terminating as on a real cluster.
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
  });
});

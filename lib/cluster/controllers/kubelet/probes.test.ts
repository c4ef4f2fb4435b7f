import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../../api/in-process-client";
import { resolveRun } from "../../sandbox/container-env";
import { containerView } from "../../sandbox/container-view";
import { execArgv } from "../../sandbox/exec-shell";
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

async function start() {
  cluster = await startTestCluster([nodeAgent, nodeLifecycle, scheduler, kubelet]);
  await cluster.settle();
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "lab" } });
  return cluster;
}

const pod = (c: TestCluster, name: string, container: Record<string, unknown>) =>
  c.client.create(InProcessClient.path("v1", "pods", "lab"), { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "web", ...container }] } });

type Status = {
  podIP?: string;
  phase?: string;
  conditions?: { type: string; status: string }[];
  containerStatuses?: { ready: boolean; started: boolean; restartCount: number; state: Record<string, unknown>; lastState: { terminated?: { exitCode: number; reason: string } } }[];
};
const statusOf = async (c: TestCluster, name: string) => (await c.client.get(podPath(name))).status as Status;
const condition = (s: Status, type: string) => s.conditions?.find((x) => x.type === type)?.status;

async function events(c: TestCluster, name: string) {
  const list = await c.client.list(InProcessClient.path("v1", "events", "lab"));
  return list.items.filter((e) => (e.involvedObject as { name?: string }).name === name).map((e) => ({ reason: String(e.reason), message: String(e.message), count: Number(e.count) }));
}

describe("kubelet probes", () => {
  it("keeps a pod unready while its readiness probe fails, reporting Unhealthy with a growing count", async () => {
    const c = await start();
    await pod(c, "wrong-port", { image: "nginx:1.27", readinessProbe: { httpGet: { port: 8080, path: "/" }, periodSeconds: 5 } });
    await c.settle({ advanceTimersUpTo: 1_000 });
    const status = await statusOf(c, "wrong-port");
    expect(status.phase).toBe("Running");
    expect(condition(status, "Ready")).toBe("False");
    expect(status.containerStatuses?.[0]?.ready).toBe(false);
    const message = `Readiness probe failed: Get "http://${status.podIP}:8080/": dial tcp ${status.podIP}:8080: connect: connection refused`;
    expect((await events(c, "wrong-port")).find((e) => e.reason === "Unhealthy")).toMatchObject({ message, count: 1 });
    await c.settle({ advanceTimersUpTo: 20_000 });
    expect((await events(c, "wrong-port")).find((e) => e.reason === "Unhealthy")?.count).toBe(5);
    expect(condition(await statusOf(c, "wrong-port"), "Ready")).toBe("False");
  });

  it("makes a pod ready once its readiness probe passes, after the initial delay", async () => {
    const c = await start();
    await pod(c, "right-port", { image: "nginx:1.27", ports: [{ name: "http", containerPort: 80 }], readinessProbe: { httpGet: { port: "http", path: "/" }, initialDelaySeconds: 5 } });
    await c.settle({ advanceTimersUpTo: 1_000 });
    expect(condition(await statusOf(c, "right-port"), "Ready")).toBe("False");
    await c.settle({ advanceTimersUpTo: 10_000 });
    expect(condition(await statusOf(c, "right-port"), "Ready")).toBe("True");
    expect((await events(c, "right-port")).some((e) => e.reason === "Unhealthy")).toBe(false);
  });

  it("restarts a container whose liveness exec probe starts failing when its file is removed", async () => {
    const c = await start();
    const created = await pod(c, "live", {
      image: "busybox",
      command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"],
      livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] }, periodSeconds: 5, failureThreshold: 2 },
    });
    await c.settle({ advanceTimersUpTo: 30_000 });
    expect((await statusOf(c, "live")).containerStatuses?.[0]?.restartCount).toBe(0);

    // What `kubectl exec live -- rm /tmp/healthy` does (pod-exec.ts): the run as recorded, or as it started.
    const live = await c.client.get(podPath("live"));
    const key = { namespace: "lab", podUid: created.metadata.uid ?? "", container: "web", restartCount: 0 };
    const run = (await c.runtime.get(key)) ?? resolveRun(c.informers, live, { name: "web", image: "busybox", command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"] }, 0, 0);
    const view = containerView(c.informers, live, "web", run);
    expect(view && execArgv(c.informers, view, ["rm", "/tmp/healthy"], () => c.clock.now().getTime()).exitCode).toBe(0);
    await c.runtime.writeFiles("lab", run, view?.written ?? []);

    await c.settle({ advanceTimersUpTo: 12_000 });
    const status = await statusOf(c, "live");
    expect(status.containerStatuses?.[0]).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 137, reason: "Error" } } });
    expect("running" in (status.containerStatuses?.[0]?.state ?? {})).toBe(true);
    const reported = await events(c, "live");
    expect(reported).toContainEqual(expect.objectContaining({ reason: "Unhealthy", message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" }));
    expect(reported).toContainEqual(expect.objectContaining({ reason: "Killing", message: "Container web failed liveness probe, will be restarted" }));
    // The restarted container has a fresh writable layer: its command touched the file again.
    await c.settle({ advanceTimersUpTo: 30_000 });
    expect((await statusOf(c, "live")).containerStatuses?.[0]?.restartCount).toBe(1);
  });

  it("holds liveness and readiness back until the startup probe succeeds, and kills a container whose startup probe keeps failing", async () => {
    const c = await start();
    await pod(c, "slow", {
      image: "nginx:1.27",
      startupProbe: { httpGet: { port: 8080 }, periodSeconds: 5, failureThreshold: 3 },
      livenessProbe: { httpGet: { port: 8080 }, periodSeconds: 5, failureThreshold: 10 },
    });
    await c.settle({ advanceTimersUpTo: 6_000 });
    expect((await statusOf(c, "slow")).containerStatuses?.[0]).toMatchObject({ started: false, ready: false, restartCount: 0 });
    await c.settle({ advanceTimersUpTo: 6_000 });
    const reported = await events(c, "slow");
    expect(reported).toContainEqual(expect.objectContaining({ reason: "Killing", message: "Container web failed startup probe, will be restarted" }));
    expect(reported.some((e) => e.message.startsWith("Liveness probe failed"))).toBe(false);
    expect((await statusOf(c, "slow")).containerStatuses?.[0]?.restartCount).toBe(1);
  });
});

describe("env fixed at container start", () => {
  it("keeps the env and $(VAR) arguments a container started with after its ConfigMap changes; a new pod gets the new value", async () => {
    const c = await start();
    await c.client.create(InProcessClient.path("v1", "configmaps", "lab"), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { COLOUR: "blue", DELAY: "20" } });
    const container = { image: "busybox", command: ["sh", "-c", "sleep $(DELAY)"], envFrom: [{ configMapRef: { name: "settings" } }] };
    const first = await pod(c, "first", container);
    await c.settle({ advanceTimersUpTo: 1_000 });
    await c.client.patch(InProcessClient.path("v1", "configmaps", "lab", "settings"), { data: { COLOUR: "green", DELAY: "5" } });
    await c.settle({ advanceTimersUpTo: 10_000 });
    // Still running: it sleeps the 20 s it started with, not the 5 s set since.
    expect("running" in ((await statusOf(c, "first")).containerStatuses?.[0]?.state ?? {})).toBe(true);

    const printenv = async (p: KubeObject) => {
      const run = await c.runtime.get({ namespace: "lab", podUid: p.metadata.uid ?? "", container: "web", restartCount: 0 });
      const view = containerView(c.informers, await c.client.get(podPath(p.metadata.name ?? "")), "web", run);
      return view ? execArgv(c.informers, view, ["printenv", "COLOUR"], () => 0).stdout : "";
    };
    expect(await printenv(first)).toBe("blue\n");
    const second = await pod(c, "second", container);
    await c.settle({ advanceTimersUpTo: 1_000 });
    expect(await printenv(second)).toBe("green\n");
    // The first container exits after its 20 s and restarts with the values of that moment.
    await c.settle({ advanceTimersUpTo: 15_000 });
    const restarted = await c.runtime.get({ namespace: "lab", podUid: first.metadata.uid ?? "", container: "web", restartCount: 1 });
    expect(restarted?.args ?? restarted?.command).toEqual(["sh", "-c", "sleep 5"]);
  });
});

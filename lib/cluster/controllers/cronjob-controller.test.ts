import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../api/in-process-client";
import { cronJobController } from "./cronjob-controller";
import { garbageCollector } from "./garbage-collector";
import { jobController } from "./job-controller";
import { kubelet } from "./kubelet/kubelet";
import { nodeAgent } from "./nodes/node-agent";
import { nodeLifecycle } from "./nodes/node-lifecycle";
import { scheduler } from "./scheduler/scheduler";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  const failed = (cluster?.errors ?? []).map((e) => `${e.controller} ${e.key}: ${String(e.error)}`);
  await cluster?.stop();
  cluster = undefined;
  // Every pass converged without a conflict or error to retry.
  expect(failed).toEqual([]);
});

const cronPath = (name?: string) => InProcessClient.path("batch/v1", "cronjobs", "lab", name);
/** The test cluster's clock starts at 2026-03-01T10:00:00Z. */
const minute = (hhmm: string) => Math.floor(Date.parse(`2026-03-01T${hhmm}:00Z`) / 60_000);

async function start() {
  cluster = await startTestCluster([nodeAgent, nodeLifecycle, scheduler, kubelet, garbageCollector, jobController, cronJobController]);
  await cluster.settle();
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "lab" } });
  return cluster;
}

async function cronJob(c: TestCluster, name: string, script: string, spec: Record<string, unknown> = {}) {
  return c.client.create(cronPath(), {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name },
    spec: {
      schedule: "*/1 * * * *",
      ...spec,
      jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox", command: ["sh", "-c", script] }] } } } },
    },
  });
}

const jobNames = async (c: TestCluster, cj: string) =>
  (await c.client.list(InProcessClient.path("batch/v1", "jobs", "lab"))).items
    .filter((j) => (j.metadata.ownerReferences as { name?: string }[] | undefined)?.[0]?.name === cj && !j.metadata.deletionTimestamp)
    .map((j) => j.metadata.name)
    .sort();
type Status = { active?: { name: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
const statusOf = async (c: TestCluster, name: string) => (await c.client.get(cronPath(name))).status as Status;

describe("cronjob controller", () => {
  it("creates a Job at each scheduled minute, records it in status, and keeps three successful ones", async () => {
    const c = await start();
    await cronJob(c, "hello", "echo hi");
    await c.settle({ advanceTimersUpTo: 30_000 });
    expect(await jobNames(c, "hello")).toEqual([]);
    await c.settle({ advanceTimersUpTo: 30_000 });
    expect(await jobNames(c, "hello")).toEqual([`hello-${minute("10:01")}`]);
    const job = await c.client.get(InProcessClient.path("batch/v1", "jobs", "lab", `hello-${minute("10:01")}`));
    expect(job.metadata.annotations).toMatchObject({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-03-01T10:01:00Z" });
    expect((await statusOf(c, "hello")).lastScheduleTime).toBe("2026-03-01T10:01:00Z");

    await c.settle({ advanceTimersUpTo: 5 * 60_000 });
    expect(await jobNames(c, "hello")).toEqual(["10:04", "10:05", "10:06"].map((t) => `hello-${minute(t)}`));
    const status = await statusOf(c, "hello");
    expect(status.lastScheduleTime).toBe("2026-03-01T10:06:00Z");
    expect(status.lastSuccessfulTime).toBe("2026-03-01T10:06:00Z");
    expect(status.active).toBeUndefined();
  });

  it("Forbid skips while a Job runs; Replace swaps it for the new one", async () => {
    const c = await start();
    await cronJob(c, "forbid", "sleep 3600", { concurrencyPolicy: "Forbid" });
    await cronJob(c, "replace", "sleep 3600", { concurrencyPolicy: "Replace" });
    await c.settle({ advanceTimersUpTo: 3 * 60_000 });
    expect(await jobNames(c, "forbid")).toEqual([`forbid-${minute("10:01")}`]);
    expect(await jobNames(c, "replace")).toEqual([`replace-${minute("10:03")}`]);
    expect((await statusOf(c, "replace")).active?.map((r) => r.name)).toEqual([`replace-${minute("10:03")}`]);
    expect((await statusOf(c, "forbid")).lastScheduleTime).toBe("2026-03-01T10:01:00Z");
  });

  it("runs nothing while suspended, and startingDeadlineSeconds drops a start missed by too much", async () => {
    const c = await start();
    await cronJob(c, "late", "echo hi", { suspend: true, startingDeadlineSeconds: 10 });
    await cronJob(c, "catchup", "echo hi", { suspend: true });
    await c.settle({ advanceTimersUpTo: 5 * 60_000 + 30_000 });
    expect(await jobNames(c, "late")).toEqual([]);
    for (const name of ["late", "catchup"]) await c.client.patch(cronPath(name), { spec: { suspend: false } });
    await c.settle();
    // The 10:05 start is 30 s past: within no deadline, but outside a 10 s one.
    expect(await jobNames(c, "catchup")).toEqual([`catchup-${minute("10:05")}`]);
    expect(await jobNames(c, "late")).toEqual([]);
    await c.settle({ advanceTimersUpTo: 30_000 });
    expect(await jobNames(c, "late")).toEqual([`late-${minute("10:06")}`]);
  });
});

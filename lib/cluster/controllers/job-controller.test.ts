import { afterEach, describe, expect, it } from "vitest";
import { InProcessClient } from "../api/in-process-client";
import { ApiError } from "../api/status";
import type { KubeObject } from "../store/object-store";
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

const jobPath = (name?: string) => InProcessClient.path("batch/v1", "jobs", "lab", name);

async function start(config = {}) {
  cluster = await startTestCluster([nodeAgent, nodeLifecycle, scheduler, kubelet, garbageCollector, jobController], { config });
  await cluster.settle();
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "lab" } });
  return cluster;
}

async function job(c: TestCluster, name: string, script: string, spec: Record<string, unknown> = {}) {
  return c.client.create(jobPath(), {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox", command: ["sh", "-c", script] }] } } },
  });
}

type Status = { active?: number; succeeded?: number; failed?: number; startTime?: string; completionTime?: string; completedIndexes?: string; conditions?: { type: string; status: string; reason?: string }[] };
const statusOf = async (c: TestCluster, name: string) => (await c.client.get(jobPath(name))).status as Status;
const podsOf = async (c: TestCluster, name: string) =>
  (await c.client.list(InProcessClient.path("v1", "pods", "lab"))).items.filter((p) => (p.metadata.labels as Record<string, string>)["batch.kubernetes.io/job-name"] === name);
const events = async (c: TestCluster, name: string) =>
  (await c.client.list(InProcessClient.path("v1", "events", "lab"))).items.filter((e) => (e.involvedObject as { kind?: string; name?: string }).name === name && (e.involvedObject as { kind?: string }).kind === "Job").map((e) => `${String(e.reason)}: ${String(e.message)}`);

describe("job controller", () => {
  it("defaults the selector and pod labels to the Job's uid", async () => {
    const c = await start();
    const created: KubeObject = await job(c, "pi", "echo hi");
    const uid = created.metadata.uid;
    expect(created.spec).toMatchObject({ selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } }, template: { metadata: { labels: { "batch.kubernetes.io/job-name": "pi", "job-name": "pi", "controller-uid": uid } } } });
  });

  it("runs pods to completion, parallelism at a time, and reports Complete", async () => {
    const c = await start({ containerStartMs: 1_000 });
    await job(c, "work", "echo hi", { completions: 3, parallelism: 2 });
    await c.settle();
    expect((await statusOf(c, "work")).active).toBe(2);
    await c.settle({ advanceTimersUpTo: 30_000 });
    const status = await statusOf(c, "work");
    expect(status).toMatchObject({ active: 0, succeeded: 3, failed: 0 });
    expect(status.completionTime).toBeDefined();
    expect(status.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(["SuccessCriteriaMet=True", "Complete=True"]);
    expect(await podsOf(c, "work")).toHaveLength(3);
    const names = (await podsOf(c, "work")).map((p) => p.metadata.name);
    expect((await events(c, "work")).sort()).toEqual([...names.map((n) => `SuccessfulCreate: Created pod: ${String(n)}`), "Completed: Job completed"].sort());
  });

  it("replaces failed pods with back-off and fails with BackoffLimitExceeded", async () => {
    const c = await start();
    await job(c, "bad", "exit 1", { backoffLimit: 2 });
    await c.settle({ advanceTimersUpTo: 5_000 });
    expect((await statusOf(c, "bad")).failed).toBe(1);
    expect(await podsOf(c, "bad")).toHaveLength(1);
    await c.settle({ advanceTimersUpTo: 120_000 });
    const status = await statusOf(c, "bad");
    expect(status).toMatchObject({ failed: 3, active: 0 });
    expect(status.conditions?.filter((x) => x.status === "True").map((x) => `${x.type}:${x.reason ?? ""}`)).toEqual(["FailureTarget:BackoffLimitExceeded", "Failed:BackoffLimitExceeded"]);
    expect(await podsOf(c, "bad")).toHaveLength(3);
  });

  it("creates no pods while suspended, and starts when resumed", async () => {
    const c = await start();
    await job(c, "later", "echo hi", { suspend: true });
    await c.settle();
    expect(await podsOf(c, "later")).toHaveLength(0);
    expect((await statusOf(c, "later")).conditions?.find((x) => x.type === "Suspended")?.status).toBe("True");
    await c.client.patch(jobPath("later"), { spec: { suspend: false } });
    await c.settle({ advanceTimersUpTo: 10_000 });
    expect(await statusOf(c, "later")).toMatchObject({ succeeded: 1 });
    expect((await statusOf(c, "later")).conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(["Suspended=False", "SuccessCriteriaMet=True", "Complete=True"]);
  });

  it("runs one pod per index for Indexed jobs", async () => {
    const c = await start();
    await job(c, "idx", "echo $JOB_COMPLETION_INDEX", { completions: 3, parallelism: 3, completionMode: "Indexed" });
    await c.settle({ advanceTimersUpTo: 30_000 });
    expect(await statusOf(c, "idx")).toMatchObject({ succeeded: 3, completedIndexes: "0-2" });
    const indexes = (await podsOf(c, "idx")).map((p) => (p.metadata.annotations as Record<string, string>)["batch.kubernetes.io/job-completion-index"]).sort();
    expect(indexes).toEqual(["0", "1", "2"]);
  });

  it("fails a job past activeDeadlineSeconds and deletes finished jobs after their TTL", async () => {
    const c = await start();
    await job(c, "slow", "sleep 600", { activeDeadlineSeconds: 10 });
    await job(c, "brief", "echo hi", { ttlSecondsAfterFinished: 60 });
    await c.settle({ advanceTimersUpTo: 20_000 });
    expect((await statusOf(c, "slow")).conditions?.find((x) => x.type === "Failed")).toMatchObject({ status: "True", reason: "DeadlineExceeded" });
    expect((await statusOf(c, "brief")).conditions?.find((x) => x.type === "Complete")?.status).toBe("True");
    await c.settle({ advanceTimersUpTo: 70_000 });
    await expect(c.client.get(jobPath("brief"))).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 404);
  });
});

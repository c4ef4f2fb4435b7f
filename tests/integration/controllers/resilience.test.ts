import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";
import { TcpProxy } from "../../support/tcp-proxy";

// A rollout survives its worker crashing (SIGKILL) and its Redis going away: the controllers are level-triggered,
// so a fresh worker (or a reconnected one) reads the world again and finishes the job without duplicates/orphans.
// The worker reaches Redis only through a relay the test can cut, as an outage would.
type Meta = { name: string; uid: string; labels?: Record<string, string>; ownerReferences?: { uid: string }[]; deletionTimestamp?: string };
type Pod = { metadata: Meta };
type ReplicaSet = { metadata: Meta; spec: { replicas: number }; status?: { replicas?: number; readyReplicas?: number } };

const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
const cluster = useControllerCluster({
  timeoutMs: 120_000,
  beforeWorker: () => proxy.open(),
  workerEnv: () => ({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` }),
  // A test that fails mid-outage leaves the relay closed, and the worker needs Redis to shut down cleanly.
  beforeStop: () => proxy.open().catch(() => undefined),
  afterWorker: () => proxy.close(),
});
const { k } = cluster;
const items = async <T>(ns: string, resource: string) => ((JSON.parse(await k("-n", ns, "get", resource, "-o", "json")) as { items: T[] }).items);

// minReadySeconds holds each rollout step for a moment, so the test can act while the new ReplicaSet has some
// but not all of its pods.
async function deploy(ns: string): Promise<void> {
  await k("create", "namespace", ns);
  await cluster.apply(
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 10
  minReadySeconds: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
    ns,
  );
  await k("-n", ns, "rollout", "status", "deployment/web", "--timeout=60s");
}

/** Starts a rollout and resolves once the new ReplicaSet has some, but not all, of its pods. */
async function rollOutPartway(ns: string): Promise<string> {
  const before = new Set((await items<ReplicaSet>(ns, "replicasets")).map((rs) => rs.metadata.uid));
  await k("-n", ns, "set", "image", "deployment/web", "web=nginx:1.28");
  return waitFor(
    async () => {
      const fresh = (await items<ReplicaSet>(ns, "replicasets")).find((rs) => !before.has(rs.metadata.uid));
      const pods = fresh?.status?.replicas ?? 0;
      return fresh && pods > 0 && pods < 10 ? fresh.metadata.uid : undefined;
    },
    "the new ReplicaSet to have some but not all pods",
    30_000,
  );
}

/** The rollout finishes; then exactly 10 live pods, all of the new template, all owned by a live ReplicaSet. */
async function expectConverged(ns: string, newRs: string): Promise<void> {
  await k("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
  const sets = await items<ReplicaSet>(ns, "replicasets");
  const current = sets.find((rs) => rs.metadata.uid === newRs);
  const hash = current?.metadata.labels?.["pod-template-hash"];
  expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  // Terminating pods of the old ReplicaSet may take a moment to go away.
  const pods = await waitFor(
    async () => {
      const live = await items<Pod>(ns, "pods");
      return live.length === 10 && live.every((p) => !p.metadata.deletionTimestamp) ? live : undefined;
    },
    "exactly 10 live pods",
    30_000,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\n${(await items<Pod>(ns, "pods")).map((p) => `${p.metadata.name} ${p.metadata.deletionTimestamp ?? ""}`).join("\n")}`);
  });
  expect(pods.map((p) => p.metadata.labels?.["pod-template-hash"])).toEqual(Array(10).fill(hash));
  const owners = new Set(sets.map((rs) => rs.metadata.uid));
  for (const pod of pods) expect(pod.metadata.ownerReferences?.map((o) => o.uid).filter((uid) => owners.has(uid))).toEqual([newRs]);
  const old = sets.filter((rs) => rs.metadata.uid !== newRs);
  expect(old.length).toBeGreaterThan(0);
  for (const rs of old) expect([rs.spec.replicas, rs.status?.replicas ?? 0]).toEqual([0, 0]);
  expect(current?.spec.replicas).toBe(10);
}

describe("controller resilience", () => {
  it("a worker killed (SIGKILL) mid-rollout is replaced and the rollout converges", async () => {
    await deploy("crash");
    const newRs = await rollOutPartway("crash");
    await cluster.worker.restart("SIGKILL");
    await expectConverged("crash", newRs);
  }, 180_000);

  it("the worker rides out a Redis outage mid-rollout and the rollout converges", async () => {
    await deploy("outage");
    const newRs = await rollOutPartway("outage");
    await proxy.close();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await proxy.open();
    await expectConverged("outage", newRs);
    expect(cluster.worker.process.child.exitCode, cluster.worker.process.output()).toBeNull();
  }, 180_000);
});

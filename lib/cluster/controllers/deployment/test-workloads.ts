import { InProcessClient } from "../../api/in-process-client";
import type { KubeObject } from "../../store/object-store";
import { deploymentController } from "../deployment-controller";
import { replicaSetController } from "../replicaset-controller";
import { startTestCluster, type TestCluster } from "../testing/test-cluster";
import { fakeKubelet } from "./fake-kubelet";
import type { Deployment, Pod, ReplicaSet } from "./workload-objects";

// For tests only: a cluster running the Deployment and ReplicaSet controllers, and the reads tests make.

export const NS = "shop";
export const deployPath = (name?: string, sub?: string) => InProcessClient.path("apps/v1", "deployments", NS, name, sub);
export const rsPath = (name?: string, sub?: string) => InProcessClient.path("apps/v1", "replicasets", NS, name, sub);
export const podPath = (name?: string, sub?: string) => InProcessClient.path("v1", "pods", NS, name, sub);

export function deployment(name: string, replicas: number, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }], ...podSpec } },
      ...spec,
    },
  };
}

/** Deployment + ReplicaSet controllers and a fake kubelet (readying the pods it approves) in namespace `shop`. */
export async function startWorkloads(options: { ready?: (pod: Pod) => boolean } = {}): Promise<TestCluster> {
  const cluster = await startTestCluster([deploymentController, replicaSetController, fakeKubelet(options)]);
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } });
  return cluster;
}

export const getDeployment = async (c: TestCluster, name: string) => (await c.client.get(deployPath(name))) as unknown as Deployment;

/** The namespace's ReplicaSets, oldest revision first. */
export async function replicaSets(c: TestCluster): Promise<ReplicaSet[]> {
  const items = (await c.client.list(rsPath())).items as unknown as ReplicaSet[];
  const revision = (rs: ReplicaSet) => Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
  return items.sort((a, b) => revision(a) - revision(b));
}

export async function pods(c: TestCluster): Promise<Pod[]> {
  return (await c.client.list(podPath())).items as unknown as Pod[];
}

export async function events(c: TestCluster, reason: string): Promise<string[]> {
  const items = (await c.client.list(InProcessClient.path("v1", "events", NS))).items as (KubeObject & { reason: string; message: string })[];
  return items.filter((e) => e.reason === reason).map((e) => e.message);
}

export const setImage = (c: TestCluster, name: string, image: string) =>
  c.client.patch(deployPath(name), { spec: { template: { spec: { containers: [{ name: "web", image }] } } } }, "strategic");

/** What `kubectl rollout undo --to-revision` does: copy that ReplicaSet's template (minus the hash) back. */
export async function undoTo(c: TestCluster, name: string, revision: number): Promise<void> {
  const rs = (await replicaSets(c)).find((r) => r.metadata?.annotations?.["deployment.kubernetes.io/revision"] === String(revision));
  if (!rs) throw new Error(`no revision ${revision}`);
  const template = structuredClone(rs.spec?.template ?? {});
  delete template.metadata?.labels?.["pod-template-hash"];
  await c.client.patch(deployPath(name), [{ op: "replace", path: "/spec/template", value: template }], "json");
}

/** A watch on the namespace's pods calling `check` with the live set after every change, until stopped. */
export async function watchPods(c: TestCluster, check: (live: Map<string, Pod>) => void): Promise<{ stop(): Promise<void> }> {
  const list = await c.client.list(podPath());
  const live = new Map(list.items.map((p) => [p.metadata.name ?? "", p as unknown as Pod]));
  const abort = new AbortController();
  const running = (async () => {
    try {
      for await (const event of c.client.watch(podPath(), { resourceVersion: list.metadata.resourceVersion }, abort.signal)) {
        if (event.type === "DELETED") live.delete(event.object.metadata.name ?? "");
        else live.set(event.object.metadata.name ?? "", event.object as unknown as Pod);
        check(live);
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    async stop() {
      for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      abort.abort();
      await running;
    },
  };
}

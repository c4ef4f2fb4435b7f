import { InProcessClient } from "../../api/in-process-client";
import type { KubeObject } from "../../store/object-store";
import type { TestCluster } from "./test-cluster";

// Pods and Services for the Service controllers' tests. Nothing schedules or runs these pods: a test plays the
// kubelet by writing their status (IP, phase, Ready) through /status, as the brief for those tests asks.

export const NS = "shop";
export const path = (plural: string, name?: string, sub?: string) =>
  plural === "endpointslices" ? InProcessClient.path("discovery.k8s.io/v1", plural, NS, name, sub) : InProcessClient.path("v1", plural, NS, name, sub);

export async function withNamespace(c: TestCluster): Promise<TestCluster> {
  await c.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } });
  return c;
}

export function service(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, labels },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }], ...spec },
  };
}

/** A pod with a container port named `http` (8080), on node `node-1` unless told otherwise. */
export function pod(name: string, labels: Record<string, string> = { app: "web" }, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec: {
      nodeName: "node-1",
      containers: [{ name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }] }],
      ...spec,
    },
  };
}

/** Writes what a kubelet would: Running with an IP, Ready or not. */
export async function runPod(c: TestCluster, name: string, ip: string | undefined, ready: boolean, phase = "Running"): Promise<void> {
  const current = await c.client.get(path("pods", name));
  await c.client.update(path("pods", name, "status"), {
    ...current,
    status: {
      phase,
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  });
}

export async function createRunningPods(c: TestCluster, pods: { name: string; ip?: string; ready?: boolean; labels?: Record<string, string>; spec?: Record<string, unknown> }[]) {
  for (const p of pods) {
    await c.client.create(path("pods"), pod(p.name, p.labels, p.spec));
    await runPod(c, p.name, p.ip, p.ready ?? true);
  }
}

export async function eventsFor(c: TestCluster, name: string): Promise<{ reason: string; message: string; type: string }[]> {
  const { items } = await c.client.list(path("events"));
  return items
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => ({ reason: e.reason as string, message: e.message as string, type: e.type as string }));
}

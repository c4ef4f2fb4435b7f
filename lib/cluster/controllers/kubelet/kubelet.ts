import { ApiError } from "../../api/status";
import { deepEqual } from "../../api/rest/deep-equal";
import type { KubeObject } from "../../store/object-store";
import { pullImage, parseImage } from "../../sandbox/image-catalog";
import type { Controller, ReconcileContext } from "../runtime/controller";
import type { IndexSpec } from "../runtime/informer";
import { resources } from "../runtime/resource-id";
import { eventsByInvolvedUid } from "../runtime/event-recorder";
import { isStopped, simulatedNode, type SimulatedNode } from "../nodes/simulated-nodes";
import type { ContainerStatus } from "./container-status";
import { hashText } from "./hash-text";
import { syncPod } from "./sync-pod";
import { inParallel } from "../runtime/in-parallel";
import { claimsReady } from "../storage/claims-ready";
import { loadRuns, recordStarts, runsOf } from "./container-runs";
import { configProblem } from "../../sandbox/container-env";
import { mountProblem, mountRetryMs } from "./mount-volumes";

/** Read when containers start (their env), never a reason for a pass by themselves. */
const readAtStart = [resources.configmaps, resources.secrets, resources.services].map((resource) => ({ resource, keys: () => [] }));

const POD_WORKERS = 16;

const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? "";

/** Pods by spec.nodeName: a node's pass reads its own pods, not every pod in the cluster. */
export const podsByNode: IndexSpec = { name: "spec.nodeName", values: (pod) => (nodeOf(pod) === "" ? [] : [nodeOf(pod)]) };

/**
 * The simulated kubelets, one work key per node (as one kubelet syncs all its pods): sandbox and pod IP,
 * image pulls, init containers, container starts, exits and crash-loop back-off, readiness, graceful
 * termination — written to pod status with the Events a real kubelet reports. A stopped node's kubelet does
 * nothing at all.
 */
export const kubelet: Controller = {
  name: "kubelet",
  username: "system:node:kubelet",
  component: "kubelet",
  watches: [
    { resource: resources.pods, keys: (event) => [nodeOf(event.object)].filter((n) => n !== "" && simulatedNode(n) !== undefined) },
    { resource: resources.nodes, keys: (event) => [event.object.metadata.name ?? ""] },
    ...readAtStart,
  ],
  async reconcile(ctx, key) {
    const sim = simulatedNode(key);
    const node = ctx.cache.get(resources.nodes, "", key);
    if (!sim || !node || isStopped(node)) return;
    const pods = ctx.cache.indexed(resources.pods, podsByNode, key);
    const present = imagesPresent(pods);
    const ips = new Set(pods.map((p) => (p.status as { podIP?: string } | undefined)?.podIP).filter((ip): ip is string => !!ip));
    const now = ctx.clock.now().getTime();
    let next: number | undefined;
    // Pods are synced side by side, as a kubelet's pod workers run in parallel. IPs are taken before the first
    // await of each sync, so no two pods get the same one.
    await inParallel(pods, POD_WORKERS, async (pod) => {
      try {
        const at = pod.metadata.deletionTimestamp ? await terminate(ctx, pod, now, key) : await sync(ctx, pod, sim, now, present, ips);
        if (at !== undefined) next = next === undefined ? at : Math.min(next, at);
      } catch (error) {
        // One pod's conflict (it changed meanwhile) must not hold up the node's other pods: its change
        // event brings this key back anyway.
        if (!(error instanceof ApiError && (error.code === 409 || error.code === 404))) throw error;
      }
    });
    return next !== undefined ? { requeueAfterMs: Math.max(next - now, 0) } : undefined;
  },
};

async function sync(ctx: ReconcileContext, pod: KubeObject, sim: SimulatedNode, now: number, present: Set<string>, ips: Set<string>): Promise<number | undefined> {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === "Succeeded" || phase === "Failed") return undefined;
  // Volumes mount only once their claims are bound; look again shortly (claims are not watched here).
  if (!claimsReady(ctx.cache, pod)) return now + 1_000;
  const mount = mountProblem(ctx.cache, pod);
  if (mount) return failedMount(ctx, pod, mount, now, sim.name);
  const podIP = (pod.status as { podIP?: string } | undefined)?.podIP ?? allocateIP(sim.podCIDR, ips);
  ips.add(podIP);
  const runs = await loadRuns(ctx.containerRuntime, pod);
  const result = syncPod(pod, {
    now,
    hostIP: sim.internalIP,
    podIP,
    imagePresent: (image) => present.has(parseImage(image).canonical),
    pullMs: ctx.config.imagePullMs,
    startMs: ctx.config.containerStartMs,
    hash: hashText,
    lastPullFailure: (fieldPath) => lastPullFailure(ctx, pod, fieldPath),
    run: runsOf(ctx.cache, pod, podIP, runs),
    configProblem: (spec) => configProblem(ctx.cache, pod, spec),
  });
  if (!deepEqual(result.status, pod.status)) {
    await recordStarts(ctx.containerRuntime, ctx.cache, pod, podIP, result.status);
    await ctx.client.updateStatus(resources.pods, { ...pod, status: result.status });
    for (const container of result.status.containerStatuses ?? []) if (container.imageID) present.add(parseImage(container.image).canonical);
  }
  for (const event of result.events) {
    await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1", ...(event.fieldPath ? { fieldPath: event.fieldPath } : {}) }, event.type, event.reason, event.message, sim.name);
  }
  return result.nextAt;
}

/**
 * Graceful termination: containers get SIGTERM; a process that handles it (nginx, the book's node app) stops
 * promptly, one that ignores it (sh, sleep) is killed when the grace period ends. Then the pod is deleted for
 * good (grace period 0), which is what lets the API remove it.
 */
async function terminate(ctx: ReconcileContext, pod: KubeObject, now: number, nodeName: string): Promise<number | undefined> {
  const status = (pod.status ?? {}) as { conditions?: { type: string; status: string }[]; containerStatuses?: ContainerStatus[] };
  const running = (status.containerStatuses ?? []).filter((c) => "running" in c.state);
  const deadline = Date.parse(String(pod.metadata.deletionTimestamp));
  const grace = typeof pod.metadata.deletionGracePeriodSeconds === "number" ? pod.metadata.deletionGracePeriodSeconds : 0;
  const markedAt = deadline - grace * 1000;
  const specs = ((pod.spec as { containers?: { name: string; image?: string }[] } | undefined)?.containers ?? []);
  const prompt = specs.every((c) => {
    const pulled = pullImage(c.image ?? "");
    return !pulled.ok || pulled.image.handlesSigterm;
  });
  const stopsAt = running.length === 0 ? markedAt : prompt ? Math.min(deadline, markedAt + Math.min(ctx.config.containerStartMs, 1_000)) : deadline;
  const readyCondition = status.conditions?.find((c) => c.type === "Ready");
  if (readyCondition?.status === "True" || (running.length > 0 && running.some((c) => c.ready))) {
    for (const c of running) {
      await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1", fieldPath: `spec.containers{${c.name}}` }, "Normal", "Killing", `Stopping container ${c.name}`, nodeName);
    }
    await ctx.client.updateStatus(resources.pods, {
      ...pod,
      status: {
        ...status,
        conditions: (status.conditions ?? []).map((c) => (c.type === "Ready" || c.type === "ContainersReady" ? { ...c, status: "False", reason: "PodCompleted" } : c)),
        containerStatuses: (status.containerStatuses ?? []).map((c) => ({ ...c, ready: false })),
      },
    });
  }
  if (now < stopsAt) return stopsAt;
  await ctx.containerRuntime?.forgetPod(pod.metadata.namespace ?? "", pod.metadata.uid ?? "");
  await ctx.client.delete(resources.pods, pod, { gracePeriodSeconds: 0 });
  return undefined;
}

/** Images a node holds: those its pods have already pulled. */
function imagesPresent(pods: KubeObject[]): Set<string> {
  const present = new Set<string>();
  for (const pod of pods) {
    const statuses = [
      ...(((pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses) ?? []),
      ...(((pod.status as { initContainerStatuses?: ContainerStatus[] } | undefined)?.initContainerStatuses) ?? []),
    ];
    for (const s of statuses) if (s.imageID) present.add(parseImage(s.image).canonical);
  }
  return present;
}

/** The lowest free address of the node's pod CIDR (a /24: .1 is the gateway, as with kind's bridge). */
function allocateIP(cidr: string, used: Set<string>): string {
  const base = cidr.split("/")[0]?.split(".").slice(0, 3).join(".") ?? "10.244.0";
  for (let host = 2; host < 255; host++) {
    const ip = `${base}.${host}`;
    if (!used.has(ip)) return ip;
  }
  return `${base}.254`;
}

/** Reports a volume that cannot be set up, once per retry (as the kubelet's volume manager retries), and when to look again. */
async function failedMount(ctx: ReconcileContext, pod: KubeObject, message: string, now: number, nodeName: string): Promise<number> {
  const last = ctx.cache
    .indexed(resources.events, eventsByInvolvedUid, pod.metadata.uid ?? "")
    .filter((e) => e.metadata.namespace === pod.metadata.namespace && e.reason === "FailedMount" && e.message === message)
    .map((e) => Date.parse(String(e.lastTimestamp)))
    .sort((a, b) => b - a)[0];
  if (last !== undefined && now < last + mountRetryMs) return last + mountRetryMs;
  await ctx.events.event({ object: pod, kind: "Pod", apiVersion: "v1" }, "Warning", "FailedMount", message, nodeName);
  return now + mountRetryMs;
}

function lastPullFailure(ctx: ReconcileContext, pod: KubeObject, fieldPath: string): { at: number; count: number } | undefined {
  const event = ctx.cache
    .indexed(resources.events, eventsByInvolvedUid, pod.metadata.uid ?? "")
    .find((e) => {
      const io = e.involvedObject as { uid?: string; fieldPath?: string } | undefined;
      return e.metadata.namespace === pod.metadata.namespace && io?.fieldPath === fieldPath && e.reason === "Failed" && String(e.message).startsWith("Failed to pull image");
    });
  if (!event) return undefined;
  return { at: Date.parse(String(event.lastTimestamp)), count: typeof event.count === "number" ? event.count : 1 };
}

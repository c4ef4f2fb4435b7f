import type { KubeObject } from "../../store/object-store";
import { isoSeconds, type ContainerSpec, type ContainerStatus, type KubeletEvent } from "./container-status";
import { runContainer, type ContainerEnv } from "./run-container";

export type PodEnv = Omit<ContainerEnv, "fieldPath" | "restartPolicy" | "podName" | "podRef"> & {
  now: number;
  hostIP: string;
  podIP: string;
};

type Condition = { type: string; status: string; lastTransitionTime: string; lastProbeTime: null; reason?: string; message?: string };

type PodStatus = {
  phase?: string;
  conditions?: Condition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
};

export type PodSync = { status: PodStatus; events: KubeletEvent[]; nextAt?: number };

/**
 * The kubelet's view of one pod at `now`: sandbox, then init containers one after another (each must exit 0;
 * sidecars — init containers with restartPolicy Always — only need to start), then the app containers, with
 * phase and conditions derived as Kubernetes derives them.
 */
export function syncPod(pod: KubeObject, env: PodEnv): PodSync {
  const spec = (pod.spec ?? {}) as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; restartPolicy?: string };
  const old = (pod.status ?? {}) as PodStatus;
  const restartPolicy = (spec.restartPolicy ?? "Always") as ContainerEnv["restartPolicy"];
  const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  const events: KubeletEvent[] = [];
  let nextAt: number | undefined;
  const soonest = (at: number | undefined) => {
    if (at !== undefined && (nextAt === undefined || at < nextAt)) nextAt = at;
  };

  const sandboxAt = conditionTime(old, "PodReadyToStartContainers") ?? env.now;
  const containerEnv = (fieldPath: string, policy: ContainerEnv["restartPolicy"]): ContainerEnv => ({ ...env, podName: pod.metadata.name ?? "", podRef, restartPolicy: policy, fieldPath });

  // Init containers, in order.
  const initStatuses: ContainerStatus[] = [];
  let since = sandboxAt;
  let initialized = true;
  (spec.initContainers ?? []).forEach((container) => {
    if (!initialized) {
      initStatuses.push(old.initContainerStatuses?.find((s) => s.name === container.name) ?? pending(container));
      return;
    }
    const sidecar = container.restartPolicy === "Always";
    // A failed init container is retried unless the pod never restarts anything.
    const policy: ContainerEnv["restartPolicy"] = sidecar ? "Always" : restartPolicy === "Never" ? "Never" : "OnFailure";
    const step = runContainer(container, old.initContainerStatuses?.find((s) => s.name === container.name), since, env.now, containerEnv(`spec.initContainers{${container.name}}`, policy));
    events.push(...step.events);
    soonest(step.nextAt);
    initStatuses.push(sidecar ? step.status : { ...step.status, ready: "terminated" in step.status.state && step.status.state.terminated.exitCode === 0 });
    const state = step.status.state;
    if (sidecar && "running" in state) since = Date.parse(state.running.startedAt);
    else if (!sidecar && "terminated" in state && state.terminated.exitCode === 0) since = Date.parse(state.terminated.finishedAt);
    else initialized = false;
  });
  const initFailed = initStatuses.some((s) => "terminated" in s.state && s.state.terminated.exitCode !== 0) && restartPolicy === "Never";

  const containerStatuses: ContainerStatus[] = (spec.containers ?? []).map((container) => {
    const previous = old.containerStatuses?.find((s) => s.name === container.name);
    if (!initialized) return previous ?? pending(container, initFailed ? undefined : "PodInitializing");
    const step = runContainer(container, previous, since, env.now, containerEnv(`spec.containers{${container.name}}`, restartPolicy));
    events.push(...step.events);
    soonest(step.nextAt);
    return step.status;
  });

  const phase = initFailed ? "Failed" : podPhase(containerStatuses, restartPolicy, initialized);
  const allReady = initialized && containerStatuses.length > 0 && containerStatuses.every((s) => s.ready) && (phase === "Running");
  const conditions = [
    condition(old, "PodReadyToStartContainers", true, sandboxAt),
    condition(old, "Initialized", initialized, env.now, initialized ? undefined : "ContainersNotInitialized", initialized ? undefined : `containers with incomplete status: [${incomplete(spec.initContainers ?? [], initStatuses).join(" ")}]`),
    condition(old, "Ready", allReady, env.now, allReady ? undefined : reasonFor(phase), allReady ? undefined : notReadyMessage(containerStatuses)),
    condition(old, "ContainersReady", allReady, env.now, allReady ? undefined : reasonFor(phase), allReady ? undefined : notReadyMessage(containerStatuses)),
    condition(old, "PodScheduled", true, conditionTime(old, "PodScheduled") ?? sandboxAt),
  ];
  const status: PodStatus = {
    ...old,
    phase,
    conditions,
    hostIP: env.hostIP,
    hostIPs: [{ ip: env.hostIP }],
    podIP: env.podIP,
    podIPs: [{ ip: env.podIP }],
    startTime: old.startTime ?? isoSeconds(sandboxAt),
    containerStatuses,
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    qosClass: qosClass(spec.containers ?? []),
  };
  return { status, events, ...(nextAt !== undefined ? { nextAt } : {}) };
}

function pending(container: ContainerSpec, reason = "PodInitializing"): ContainerStatus {
  return { name: container.name, state: { waiting: { reason } }, lastState: {}, ready: false, restartCount: 0, image: container.image ?? "", imageID: "", started: false };
}

function podPhase(statuses: ContainerStatus[], restartPolicy: string, initialized: boolean): string {
  if (!initialized) return "Pending";
  const terminated = statuses.filter((s) => "terminated" in s.state);
  const running = statuses.filter((s) => "running" in s.state || ("waiting" in s.state && s.restartCount > 0));
  if (terminated.length === statuses.length && statuses.length > 0 && restartPolicy !== "Always") {
    return terminated.every((s) => "terminated" in s.state && s.state.terminated.exitCode === 0) ? "Succeeded" : "Failed";
  }
  if (running.length > 0) return "Running";
  return "Pending";
}

function reasonFor(phase: string): string {
  return phase === "Succeeded" || phase === "Failed" ? "PodCompleted" : "ContainersNotReady";
}

function notReadyMessage(statuses: ContainerStatus[]): string {
  return `containers with unready status: [${statuses.filter((s) => !s.ready).map((s) => s.name).join(" ")}]`;
}

function incomplete(specs: ContainerSpec[], statuses: ContainerStatus[]): string[] {
  return specs.filter((c) => {
    const s = statuses.find((x) => x.name === c.name);
    return !s || !("terminated" in s.state && s.state.terminated.exitCode === 0) && !(c.restartPolicy === "Always" && "running" in s.state);
  }).map((c) => c.name);
}

function conditionTime(status: PodStatus, type: string): number | undefined {
  const found = status.conditions?.find((c) => c.type === type && c.status === "True");
  return found ? Date.parse(found.lastTransitionTime) : undefined;
}

/** Keeps lastTransitionTime unless the condition's status flips. */
function condition(old: PodStatus, type: string, value: boolean, at: number, reason?: string, message?: string): Condition {
  const status = value ? "True" : "False";
  const previous = old.conditions?.find((c) => c.type === type);
  const lastTransitionTime = previous && previous.status === status ? previous.lastTransitionTime : isoSeconds(at);
  return { type, status, lastProbeTime: null, lastTransitionTime, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** Guaranteed when every container's limits equal its requests for cpu and memory; BestEffort with none. */
function qosClass(containers: ContainerSpec[]): string {
  const resources = containers.map((c) => (c as ContainerSpec & { resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> } }).resources ?? {});
  if (resources.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0)) return "BestEffort";
  const guaranteed = resources.every((r) => ["cpu", "memory"].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] === undefined || String(r.requests[k]) === String(r.limits[k]))));
  return guaranteed ? "Guaranteed" : "Burstable";
}

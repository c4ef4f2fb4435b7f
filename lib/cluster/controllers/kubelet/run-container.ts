import { processBehaviour, type ProcessBehaviour } from "../../sandbox/container-process";
import { parseImage, pullImage } from "../../sandbox/image-catalog";
import { backoffMs, isoSeconds, type ContainerSpec, type ContainerStatus, type KubeletEvent } from "./container-status";
import { probeContainer, type RunProber } from "./probe-container";

export type ContainerEnv = {
  podName: string;
  /** `name_namespace(uid)`, as the kubelet names pods in messages. */
  podRef: string;
  restartPolicy: "Always" | "OnFailure" | "Never";
  /** Whether the node already holds the image (no pull: "already present on machine"). */
  imagePresent: (image: string) => boolean;
  pullMs: number;
  startMs: number;
  fieldPath: string;
  hash: (text: string) => string;
  /** When the last pull of this container failed and how often it has, from the kubelet's Events. */
  lastPullFailure?: (fieldPath: string) => { at: number; count: number } | undefined;
  /**
   * A run of the container (by restartCount) as the runtime recorded it: the command and args it was started
   * with ($(VAR) expanded with the env of that moment) and how to probe it. Without it: the spec's argv, and
   * probes that find whatever the image serves.
   */
  run?: (spec: ContainerSpec, restartCount: number) => { command?: string[]; args?: string[]; prober?: RunProber };
  /** Why the container cannot be created from its config (a missing ConfigMap, Secret or key), if it cannot. */
  configProblem?: (spec: ContainerSpec) => string | undefined;
};

/** How soon the kubelet tries again to create a container whose config was missing. */
export const configRetryMs = 10_000;

export type ContainerStep = { status: ContainerStatus; events: KubeletEvent[]; nextAt?: number };

/**
 * One container's life from `since` (when it may begin: sandbox ready, or the previous init container done) up
 * to `now`: pull → create → start → run → exit → back-off → restart, with the events the kubelet reports for
 * each step. Pure: the stored status and the clock decide everything, so a late or repeated pass computes the
 * same timeline (timestamps are when things were due, not when the pass ran).
 */
export function runContainer(spec: ContainerSpec, previous: ContainerStatus | undefined, since: number, now: number, env: ContainerEnv): ContainerStep {
  const events: KubeletEvent[] = [];
  const say = (type: KubeletEvent["type"], reason: string, message: string) => events.push({ type, reason, message, fieldPath: env.fieldPath });
  const image = spec.image ?? "";
  const pulled = pullImage(image);
  const template: ContainerStatus = {
    name: spec.name,
    state: { waiting: { reason: "ContainerCreating" } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image,
    imageID: "",
    started: false,
  };
  let status = previous ?? template;
  let nextAt: number | undefined;

  // A bounded walk along the timeline: each step either moves the state on or stops at a future time.
  for (let step = 0; step < 8; step++) {
    const state = status.state;
    if ("waiting" in state && !("terminated" in status.lastState) && status.restartCount === 0) {
      // Not started yet: pulling (or failing to pull) and creating.
      if (!pulled.ok) {
        // ErrImagePull, then ImagePullBackOff until the next attempt (10 s, 20 s, … 5 min after the last
        // failure, which the kubelet's own "Failed to pull" Event records), then another attempt.
        const failure = env.lastPullFailure?.(env.fieldPath);
        const due = failure ? failure.at + backoffMs(failure.count - 1) : now;
        if (state.waiting.reason === "ErrImagePull") {
          say("Normal", "BackOff", `Back-off pulling image "${image}"`);
          say("Warning", "Failed", "Error: ImagePullBackOff");
          status = { ...status, state: { waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"` } } };
          nextAt = Math.max(due, now + 1);
          break;
        }
        if (state.waiting.reason === "ImagePullBackOff" && now < due) {
          nextAt = due;
          break;
        }
        say("Normal", "Pulling", `Pulling image "${image}"`);
        say("Warning", "Failed", `Failed to pull image "${image}": ${pulled.message}`);
        say("Warning", "Failed", "Error: ErrImagePull");
        status = { ...status, state: { waiting: { reason: "ErrImagePull", message: pulled.message } } };
        nextAt = now;
        break;
      }
      // A retry after a config error finds the image it pulled the first time.
      const present = env.imagePresent(image) || state.waiting.reason === "CreateContainerConfigError";
      const runningAt = since + (present ? 0 : env.pullMs) + env.startMs;
      if (!previous && step === 0 && !present) say("Normal", "Pulling", `Pulling image "${image}"`);
      if (now < runningAt) {
        nextAt = runningAt;
        break;
      }
      if (present) say("Normal", "Pulled", `Container image "${image}" already present on machine`);
      else say("Normal", "Pulled", `Successfully pulled image "${image}" in ${duration(env.pullMs)} (${duration(env.pullMs)} including waiting). Image size: ${pulled.image.sizeBytes} bytes.`);
      // The env is resolved as the container is created: a missing ConfigMap, Secret or key stops it here, and
      // the kubelet tries again on its next sync (so fixing the ConfigMap is enough).
      const problem = env.configProblem?.(spec);
      if (problem) {
        say("Warning", "Failed", `Error: ${problem}`);
        status = { ...status, state: { waiting: { reason: "CreateContainerConfigError", message: problem } } };
        nextAt = now + configRetryMs;
        break;
      }
      status = started(status, runningAt, 0, env, pulled.ok ? imageId(image, env) : "");
      say("Normal", "Created", `Created container ${spec.name}`);
      say("Normal", "Started", `Started container ${spec.name}`);
      continue;
    }
    if ("running" in state) {
      const startedAt = Date.parse(state.running.startedAt);
      const run = env.run?.(spec, status.restartCount);
      const argv = run ?? spec;
      const behaviour: ProcessBehaviour = pulled.ok ? processBehaviour(pulled.image, argv.command, argv.args) : { kind: "runs" };
      const exitAt = behaviour.kind === "exits" ? startedAt + behaviour.afterMs : undefined;
      // Probes stop with the process.
      const probed = probeContainer(spec, startedAt, exitAt !== undefined ? Math.min(now, exitAt) : now, run?.prober ?? constantProber, env.fieldPath);
      events.push(...probed.events);
      if (probed.kill && (exitAt === undefined || probed.kill.at < exitAt)) {
        say("Normal", "Killing", `Container ${spec.name} failed ${probed.kill.kind.toLowerCase()} probe, will be restarted`);
        // Killed after the grace period, as a process that is SIGKILLed reports it.
        status = {
          ...status,
          state: { terminated: { exitCode: 137, reason: "Error", startedAt: state.running.startedAt, finishedAt: isoSeconds(probed.kill.at), ...(status.containerID ? { containerID: status.containerID } : {}) } },
          ready: false,
          started: false,
        };
        continue;
      }
      if (behaviour.kind === "runs" || now < startedAt + behaviour.afterMs) {
        status = { ...status, ready: probed.ready, started: probed.started };
        nextAt = probed.nextAt === undefined ? exitAt : exitAt === undefined ? probed.nextAt : Math.min(probed.nextAt, exitAt);
        break;
      }
      const finishedAt = startedAt + behaviour.afterMs;
      status = {
        ...status,
        state: {
          terminated: {
            exitCode: behaviour.exitCode,
            reason: behaviour.exitCode === 0 ? "Completed" : "Error",
            startedAt: state.running.startedAt,
            finishedAt: isoSeconds(finishedAt),
            ...(status.containerID ? { containerID: status.containerID } : {}),
          },
        },
        ready: false,
        started: false,
      };
      continue;
    }
    if ("terminated" in state) {
      const code = state.terminated.exitCode;
      if (!(env.restartPolicy === "Always" || (env.restartPolicy === "OnFailure" && code !== 0))) break;
      // The first restart is immediate; then 10 s, 20 s, 40 s … up to 5 minutes.
      const restartAt = Date.parse(state.terminated.finishedAt) + (status.restartCount === 0 ? 0 : backoffMs(status.restartCount - 1));
      if (now < restartAt) {
        say("Warning", "BackOff", `Back-off restarting failed container ${spec.name} in pod ${env.podRef}`);
        status = {
          ...status,
          lastState: { terminated: state.terminated },
          state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${duration(restartAt - Date.parse(state.terminated.finishedAt))} restarting failed container=${spec.name} pod=${env.podRef}` } },
        };
        nextAt = restartAt;
        break;
      }
      say("Normal", "Pulled", `Container image "${image}" already present on machine`);
      status = { ...started(status, restartAt, status.restartCount + 1, env, status.imageID), lastState: { terminated: state.terminated } };
      say("Normal", "Created", `Created container ${spec.name}`);
      say("Normal", "Started", `Started container ${spec.name}`);
      continue;
    }
    // Waiting in CrashLoopBackOff: restart once the back-off is over.
    const last = (status.lastState as { terminated?: { finishedAt: string } }).terminated;
    if (!last) break;
    const restartAt = Date.parse(last.finishedAt) + (status.restartCount === 0 ? 0 : backoffMs(status.restartCount - 1));
    if (now < restartAt) {
      nextAt = restartAt;
      break;
    }
    say("Normal", "Pulled", `Container image "${image}" already present on machine`);
    status = { ...started(status, restartAt, status.restartCount + 1, env, status.imageID), lastState: status.lastState };
    say("Normal", "Created", `Created container ${spec.name}`);
    say("Normal", "Started", `Started container ${spec.name}`);
  }
  return { status, events, ...(nextAt !== undefined ? { nextAt } : {}) };
}

function started(status: ContainerStatus, at: number, restartCount: number, env: ContainerEnv, imageID: string): ContainerStatus {
  return {
    ...status,
    state: { running: { startedAt: isoSeconds(at) } },
    restartCount,
    started: true,
    ready: false,
    imageID,
    containerID: `containerd://${env.hash(`${env.podName}/${status.name}/${restartCount}`)}`,
  };
}

function imageId(image: string, env: ContainerEnv): string {
  return `${parseImage(image).repository}@sha256:${env.hash(parseImage(image).canonical)}`;
}

/** Without a recorded run: probes see what the image serves and no file written since start. */
const constantProber: RunProber = { outcome: () => ({ ok: true }), changes: [], lastReportedAt: () => undefined };

function duration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

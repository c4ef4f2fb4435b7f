import type { Probe } from "../../sandbox/probe-outcome";

/** core/v1 ContainerStatus, as far as the simulated kubelet writes it. */
export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; reason: string; startedAt?: string; finishedAt: string; message?: string } };

export type ContainerStatus = {
  name: string;
  state: ContainerState;
  lastState: Partial<ContainerState> | Record<string, never>;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
};

export type ContainerSpec = {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  restartPolicy?: string;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  ports?: { name?: string; containerPort?: number }[];
};

export type KubeletEvent = { type: "Normal" | "Warning"; reason: string; message: string; fieldPath?: string };

export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The kubelet's crash-loop back-off: 10 s, doubling per restart, at most 5 minutes. */
export const backoffMs = (restarts: number) => Math.min(10_000 * 2 ** Math.max(0, restarts), 300_000);

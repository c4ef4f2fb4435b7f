// Messages between the benchmark (which runs the API server) and its load-generator child process.

export type ClientConfig = {
  url: string;
  caPem: string;
  adminToken: string;
  learnerToken: string;
  learnerName: string;
  clients: number;
  warmupSeconds: number;
  seconds: number;
  watchers: number;
  watchWriters: number;
  watchSeconds: number;
};

export type PhaseName = "setup" | "creates" | "gets" | "lists" | "updates" | "learner-gets" | "watch";

export type ToClient = { type: "init"; config: ClientConfig } | { type: "phase"; phase: PhaseName } | { type: "exit" };

/** A closed-loop phase: requests that completed inside the measured window. */
export type LoadResult = {
  ok: number;
  errors: number;
  firstError?: string;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
};

export type WatchResult = {
  watchers: number;
  writes: number;
  writesPerSecond: number;
  expected: number;
  delivered: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Streams that ended before the benchmark closed them (e.g. dropped as slow watchers). */
  endedEarly: number;
  writeErrors: number;
  firstError?: string;
};

export type PhaseReport = { phase: PhaseName; load?: LoadResult; watch?: WatchResult; clientCpuMs: number };

export type FromClient = { type: "ready" } | { type: "done"; report: PhaseReport } | { type: "failed"; phase: PhaseName; error: string };

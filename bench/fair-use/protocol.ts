// Messages between bench/fair-use-bench.ts (which runs the API server) and its two client processes: learner B's
// steady reader and learner A's flood. Each client is its own process so neither shares an event loop with the
// server or with the other (B's latencies must not include A's client-side work).

export type Target = { url: string; caPem: string; token: string };

/** B: GETs at a fixed rate (open loop: sent on schedule whether or not earlier ones answered). */
export type SteadyConfig = Target & { paths: string[]; perSecond: number; connections: number; warmupSeconds: number; seconds: number };

/** A: `connections` closed loops, each sending its next request as soon as the last answered, whatever the status. */
export type FloodConfig = Target & { connections: number; namespace: string; readPath: string; mix: "gets" | "creates" | "mixed" };

export type ToClient =
  | { type: "steady"; config: SteadyConfig }
  | { type: "flood-start"; config: FloodConfig }
  | { type: "flood-stop" }
  | { type: "exit" };

export type SteadyResult = {
  /** Answered inside the measured window. */
  answered: number;
  ok: number;
  refused: number;
  errors: number;
  firstError?: string;
  p50: number;
  p99: number;
  max: number;
  /** How far behind its schedule the client sent, p99 (ms): the client's own lateness, not the server's. */
  sendLagP99: number;
};

export type FloodResult = { seconds: number; ok: number; refused: number; other: number; failed: number; firstError?: string };

export type FromClient =
  | { type: "steady-done"; result: SteadyResult }
  | { type: "flood-started" }
  | { type: "flood-done"; result: FloodResult }
  | { type: "failed"; error: string };

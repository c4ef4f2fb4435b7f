// Messages between bench/terminal-bench.ts (which runs the servers) and its client process
// (bench/terminal-bench/load-client.ts), which holds every browser tab so that the tabs' work does not share an
// event loop with the server's.

export type OpenConfig = {
  url: string;
  /** One Cookie header per tab, each signing in a different learner. */
  cookies: string[];
  columns: number;
  rows: number;
};

export type RunConfig = {
  /** Typed with Enter, e.g. "kubectl get pods". */
  command: string;
  /** Each tab types the command this often; the tabs' starts are spread evenly over one interval. */
  intervalMs: number;
  /** Commands started before this much time has passed are run but not counted. */
  warmupMs: number;
  /** The measured window after the warm-up. */
  measureMs: number;
  /** A command whose prompt has not come back after this long counts as an error. */
  timeoutMs: number;
};

export type ToClient = { type: "open"; config: OpenConfig } | { type: "run"; config: RunConfig } | { type: "close" } | { type: "exit" };

export type OpenResult = {
  opened: number;
  /** Tabs that had no shell after three tries. */
  failed: number;
  /** Tries the server refused (`failed` event) or that timed out, retried ones included. */
  refusals: number;
  firstError?: string;
  /** Time from a tab's first try to its first prompt (ms). */
  p50: number;
  p95: number;
  max: number;
  wallMs: number;
};

export type RunResult = {
  /** Round trips (ms) of commands started in the measured window: keys sent → the next prompt received. */
  latencies: number[];
  /** Commands whose output did not look like `kubectl get pods` (an error line, nothing) or that timed out. */
  errors: number;
  timeouts: number;
  firstError?: string;
  /** Turns a tab skipped because its previous command was still running. */
  skipped: number;
  disconnects: number;
  /** The client process's own CPU time over the measured window (ms). */
  cpuMs: number;
  /** How late the client's timers fired, p99 (ms): its own lag, which would inflate round trips. */
  timerLagP99: number;
};

export type FromClient =
  | { type: "opened"; result: OpenResult }
  | { type: "ran"; result: RunResult }
  | { type: "closed" }
  | { type: "failed"; error: string };

import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FromClient, ToClient } from "./protocol";

const LOAD_CLIENT = fileURLToPath(new URL("./load-client.ts", import.meta.url));

/** The forked load generator: one question at a time, each with a deadline. */
export class LoadGenerator {
  private waiting: { resolve: (m: FromClient) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly child: ChildProcess) {
    child.on("message", (message: FromClient) => this.settle((w) => w.resolve(message)));
    child.on("exit", (code, signal) => this.settle((w) => w.reject(new Error(`the load generator exited (${code ?? signal})`))));
  }

  ask(message: ToClient, timeoutMs: number): Promise<FromClient> {
    if (this.waiting) throw new Error("one question at a time");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle((w) => w.reject(new Error(`no answer to ${JSON.stringify(message).slice(0, 80)} in ${timeoutMs} ms`))), timeoutMs);
      this.waiting = { resolve, reject, timer };
      this.child.send(message);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  private settle(action: (w: NonNullable<LoadGenerator["waiting"]>) => void): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    action(waiting);
  }
}

export function startLoadGenerator(): LoadGenerator {
  // Under `npx tsx` the loader is in execArgv already; otherwise bring it. Profiling flags are for the server only.
  const inherited = process.execArgv.filter((a) => !a.startsWith("--cpu-prof") && !a.startsWith("--inspect"));
  const execArgv = inherited.some((a) => a.includes("tsx")) ? inherited : [...inherited, "--import", "tsx"];
  return new LoadGenerator(fork(LOAD_CLIENT, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
}

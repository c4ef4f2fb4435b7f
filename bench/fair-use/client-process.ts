import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FromClient, ToClient } from "./protocol";

const CLIENT = fileURLToPath(new URL("./fair-use-client.ts", import.meta.url));

/** One forked client (bench/fair-use/fair-use-client.ts): one question at a time, each with a deadline. */
export class ClientProcess {
  private waiting: { resolve: (m: FromClient) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private readonly child: ChildProcess;

  constructor(readonly role: string) {
    // Under `npx tsx` the loader is in execArgv already; otherwise bring it.
    const inherited = process.execArgv.filter((a) => !a.startsWith("--cpu-prof") && !a.startsWith("--inspect"));
    const execArgv = inherited.some((a) => a.includes("tsx")) ? inherited : [...inherited, "--import", "tsx"];
    this.child = fork(CLIENT, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (message: FromClient) => this.settle((w) => w.resolve(message)));
    this.child.on("exit", (code, signal) => this.settle((w) => w.reject(new Error(`${role} client exited (${code ?? signal})`))));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async ask<T extends FromClient["type"]>(message: ToClient, expect: T, timeoutMs: number): Promise<Extract<FromClient, { type: T }>> {
    if (this.waiting) throw new Error("one question at a time");
    const answer = await new Promise<FromClient>((resolve, reject) => {
      const timer = setTimeout(() => this.settle((w) => w.reject(new Error(`${this.role}: no answer to ${message.type} in ${timeoutMs} ms`))), timeoutMs);
      this.waiting = { resolve, reject, timer };
      this.child.send(message);
    });
    if (answer.type === "failed") throw new Error(`${this.role}: ${answer.error}`);
    if (answer.type !== expect) throw new Error(`${this.role}: expected ${expect}, got ${answer.type}`);
    return answer as Extract<FromClient, { type: T }>;
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  private settle(action: (w: NonNullable<ClientProcess["waiting"]>) => void): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    action(waiting);
  }
}

import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FromClient, ToClient } from "./protocol";

// Resolves to bench/terminal-bench/load-client.ts both from this file and from the bundle in bench/.build/.
const CLIENT = fileURLToPath(new URL("../terminal-bench/load-client.ts", import.meta.url));

/** The forked client process holding the tabs (load-client.ts, under tsx): one question at a time, with a deadline. */
export class ClientProcess {
  private waiting: { resolve: (m: FromClient) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(CLIENT, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (message: FromClient) => this.settle((w) => w.resolve(message)));
    this.child.on("exit", (code, signal) => this.settle((w) => w.reject(new Error(`the client process exited (${code ?? signal})`))));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async ask<T extends FromClient["type"]>(message: ToClient, expect: T, timeoutMs: number): Promise<Extract<FromClient, { type: T }>> {
    if (this.waiting) throw new Error("one question at a time");
    const answer = await new Promise<FromClient>((resolve, reject) => {
      const timer = setTimeout(() => this.settle((w) => w.reject(new Error(`no answer to ${message.type} in ${timeoutMs} ms`))), timeoutMs);
      this.waiting = { resolve, reject, timer };
      this.child.send(message);
    });
    if (answer.type === "failed") throw new Error(`client: ${answer.error}`);
    if (answer.type !== expect) throw new Error(`client: expected ${expect}, got ${answer.type}`);
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

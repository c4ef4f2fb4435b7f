import { io as connect, type Socket } from "socket.io-client";

/** What the page sends at most per `input` event (the namespace's MAX_INPUT_CHARS); longer pastes go in pieces. */
export const INPUT_CHUNK_CHARS = 64 * 1024;

// CSI / OSC sequences and lone escapes: the shell may colour its prompt and move the cursor while echoing.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]/g;

/** Terminal text as a reader sees it: escape sequences removed, "\r\n" as "\n", stray "\r" dropped. */
export function plainText(screen: string): string {
  return screen.replace(ANSI, "").replace(/\r\n/g, "\n").replace(/\r/g, "");
}

/**
 * One browser terminal tab over socket.io, as the page drives it: connect with the session cookie, `open` a
 * shell, send keystrokes as `input`, read `output`. It knows the shell's prompt (learned from the first one the
 * shell prints) so it can tell when a command line has finished: its output ends with a fresh prompt.
 */
export class TerminalTab {
  /** Everything the tab has shown (replay and output), raw. */
  screen = "";
  /** The prompt as plain text, e.g. "jane@kubeclass:~$ ". */
  prompt = "";
  sessionId = "";
  disconnects = 0;
  /** Why the socket last disconnected (socket.io's reason, e.g. "ping timeout", "io server disconnect"). */
  disconnectReason = "";
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on("output", (data: string) => this.show(data));
    socket.on("disconnect", (reason) => {
      this.disconnects++;
      this.disconnectReason = reason;
      this.changed();
    });
  }

  static connect(url: string, cookie: string, timeoutMs = 30_000): Promise<TerminalTab> {
    const socket = connect(`${url}/terminal`, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true, timeout: timeoutMs });
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(new TerminalTab(socket)));
      socket.once("connect_error", (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  /** Opens a new shell and waits for its first prompt. */
  async open(columns = 120, rows = 30, timeoutMs = 30_000): Promise<void> {
    const opened = new Promise<{ sessionId: string; replay: string }>((resolve, reject) => {
      this.socket.once("opened", resolve);
      this.socket.once("failed", ({ message }: { message: string }) => reject(new Error(message)));
    });
    this.socket.emit("open", { columns, rows });
    const { sessionId, replay } = await withTimeout(opened, timeoutMs, "no `opened` from the server");
    this.sessionId = sessionId;
    this.show(replay);
    await this.waitUntil(() => plainText(this.screen).endsWith("$ "), timeoutMs, "no prompt after opening");
    const text = plainText(this.screen);
    this.prompt = text.slice(text.lastIndexOf("\n") + 1);
  }

  /** Sends keys as typed or pasted: one `input` event per INPUT_CHUNK_CHARS, like the page. */
  type(keys: string): void {
    for (let at = 0; at < keys.length; at += INPUT_CHUNK_CHARS) this.socket.emit("input", keys.slice(at, at + INPUT_CHUNK_CHARS));
  }

  /**
   * Types `line` and Enter, and resolves with what the command printed (plain text, without the echoed line and
   * the next prompt) once the prompt is back.
   */
  async run(line: string, timeoutMs = 10_000): Promise<string> {
    const from = this.screen.length;
    this.type(`${line}\r`);
    const done = () => this.finished(from);
    await this.waitUntil(() => done() !== undefined, timeoutMs, `no prompt after ${JSON.stringify(line.slice(0, 80))}`);
    const text = done() ?? "";
    const firstBreak = text.indexOf("\n");
    return text.slice(firstBreak + 1, text.length - this.prompt.length);
  }

  /** The plain text since `from` when it ends with a fresh prompt on a new line; undefined while a command runs. */
  finished(from: number): string | undefined {
    // The tail first: this runs on every output event, and a paste's echo can be megabytes long.
    const tail = plainText(this.screen.slice(Math.max(from, this.screen.length - 4096)));
    if (!tail.endsWith(`\n${this.prompt}`)) return undefined;
    return plainText(this.screen.slice(from));
  }

  /** Resolves when `check()` holds, re-checked on every output; fails after `timeoutMs` or on disconnect. */
  waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== test);
        reject(new Error(`${what} within ${timeoutMs} ms; screen ends ${JSON.stringify(plainText(this.screen).slice(-300))}`));
      }, timeoutMs);
      const test = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else if (this.socket.disconnected) {
          clearTimeout(timer);
          reject(new Error(`${what}: the socket disconnected`));
        } else {
          this.waiters.push(test);
        }
      };
      test();
    });
  }

  /** Listens to output as it arrives (the benchmark times commands without re-reading the screen). */
  onOutput(listener: (data: string) => void): void {
    this.socket.on("output", listener);
  }

  close(): void {
    this.socket.close();
  }

  private show(data: string): void {
    this.screen += data;
    this.changed();
  }

  private changed(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

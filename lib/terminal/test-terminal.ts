import { MemoryFs } from "./memory-fs";
import { openTerminalSession } from "./open-terminal-session";
import type { Program } from "./program";
import type { ArgumentCompleter, HistoryStore, TerminalSession } from "./terminal-session";

/** Screen text without colours and cursor movement, for assertions. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching ESC is the point
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");
}

export type TestTerminal = {
  session: TerminalSession;
  fs: MemoryFs;
  history: string[];
  commands: { line: string; phase: string; exitCode?: number }[];
  /** Everything written so far (raw). */
  screen(): string;
  /** Output since the last call to `take` (plain). */
  take(): string;
  type(data: string): Promise<void>;
  /** Waits until the plain screen (since the last take) matches. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
};

/** A session over a memory fs with scripted keystrokes, for the shell's own tests. */
export async function openTestTerminal(
  options: { programs?: Record<string, Program>; completers?: Record<string, ArgumentCompleter>; history?: string[]; columns?: number } = {},
): Promise<TestTerminal> {
  const fs = new MemoryFs({ now: () => new Date("2026-11-26T11:29:14Z") });
  const history = [...(options.history ?? [])];
  const store: HistoryStore = { load: () => Promise.resolve([...history]), append: (line) => (history.push(line), Promise.resolve()) };
  const commands: TestTerminal["commands"] = [];
  const session = openTerminalSession({
    fs,
    home: "/home/jane",
    userName: "jane",
    programs: options.programs ?? {},
    completers: options.completers,
    history: store,
    columns: options.columns ?? 80,
    rows: 24,
    now: () => new Date("2026-11-26T11:29:14Z"),
    onCommand: (event) => commands.push({ ...event }),
  });
  let all = "";
  let mark = 0;
  session.onOutput((data) => (all += data));
  const terminal: TestTerminal = {
    session,
    fs,
    history,
    commands,
    screen: () => all,
    take: () => {
      const text = plain(all.slice(mark));
      mark = all.length;
      return text;
    },
    type: async (data) => {
      session.input(data);
      await settle();
    },
    waitFor: async (pattern, timeoutMs = 2000) => {
      const started = performance.now();
      for (;;) {
        const text = plain(all.slice(mark));
        if (typeof pattern === "string" ? text.includes(pattern) : pattern.test(text)) {
          mark = all.length;
          return text;
        }
        if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  await terminal.waitFor("$ ");
  return terminal;
}

/** Lets queued promises and microtasks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

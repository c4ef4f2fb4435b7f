import type { Program, ProgramContext } from "./program";
import type { VirtualFs } from "./virtual-fs";

/**
 * One interactive shell: what a browser terminal tab (or several, or a reconnect) is attached to. Keystrokes go
 * in exactly as xterm.js sends them; screen output comes out as terminal text (ANSI, "\r\n"). The session keeps
 * no socket and no database handle: the server layer (lib/server/terminal/) gives it a file system, programs,
 * a history store and a clock, and relays its output.
 */
export interface TerminalSession {
  /** Raw input from the terminal: printable text, pastes, control keys, escape sequences. Never throws. */
  input(data: string): void;
  resize(columns: number, rows: number): void;
  /** Subscribes to screen output; returns the unsubscribe function. */
  onOutput(listener: (data: string) => void): () => void;
  /**
   * Shows a notice from outside the shell (an instructor's broadcast) on its own line, as output only: it is never
   * input to the shell, and the line being typed is drawn again under it. Optional: without it the caller prints it.
   */
  announce?(text: string): void;
  /** Ends the session: a running program is aborted, listeners are dropped. */
  close(): void;
}

export type TerminalSessionOptions = {
  fs: VirtualFs;
  /** e.g. /home/jane: created if missing; `~` and $HOME. */
  home: string;
  /** Shown in the prompt (`jane@kubeclass:~$ `). */
  userName: string;
  /** Initial environment (KUBECONFIG, …) on top of HOME, USER, PWD, TERM, SHELL. */
  env?: Record<string, string>;
  /** Programs by name besides the shell's builtins and coreutils (kubectl, kubens, kubectx, …). */
  programs: Record<string, Program>;
  /** Tab completion of a program's arguments (kubectl: verbs, types, object names, flags). */
  completers?: Record<string, ArgumentCompleter>;
  history: HistoryStore;
  columns: number;
  rows: number;
  now(): Date;
  /** Told of each command line when it starts and when it ends (the server records them). */
  onCommand?(event: { line: string; phase: "start" } | { line: string; phase: "end"; exitCode: number }): void;
};

/**
 * Completions for the word under the cursor. `words` are the line's words before it, starting with the program's
 * name; the completer returns candidate words that start with `word` (the shell shows or inserts them).
 */
export type ArgumentCompleter = (words: string[], word: string, context: Pick<ProgramContext, "cwd" | "env" | "fs">) => Promise<string[]>;

/** The user's command history, kept between sessions: oldest first. */
export interface HistoryStore {
  load(): Promise<string[]>;
  append(line: string): Promise<void>;
}

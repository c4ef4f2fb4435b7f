import { ShellSession } from "./shell-session";
import type { TerminalSession, TerminalSessionOptions } from "./terminal-session";

/** Opens one interactive shell (bash-like) over the given file system, programs and history. */
export function openTerminalSession(options: TerminalSessionOptions): TerminalSession {
  return new ShellSession(options);
}

import { openTerminalSession } from "../../lib/terminal/open-terminal-session";
import type { TerminalSession, TerminalSessionOptions } from "../../lib/terminal/terminal-session";

/** The shell the benchmark and the fuzz test run: lib/terminal's, as production opens it. */
export const benchShell: (options: TerminalSessionOptions) => TerminalSession = openTerminalSession;

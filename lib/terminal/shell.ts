import { builtins } from "./builtins";
import { coreutils } from "./coreutils/index";
import type { ExpandContext } from "./expand-word";
import { expandWords } from "./expand-word";
import { runScript } from "./interpreter";
import type { Program, ProgramContext } from "./program";
import { parseShell } from "./shell-parser";
import type { ShellIo } from "./shell-io";
import type { VirtualFs } from "./virtual-fs";

export type ShellOptions = {
  fs: VirtualFs;
  home: string;
  userName: string;
  env?: Record<string, string>;
  /** Programs besides builtins and coreutils (kubectl, …). */
  programs: Record<string, Program>;
  now(): Date;
};

export type FoundCommand = { kind: "builtin" | "coreutil" | "program"; run: (ctx: ProgramContext, shell: Shell) => Promise<number> };

export const DEFAULT_ALIASES: Record<string, string> = { k: "kubectl", vi: "nano", vim: "nano", ll: "ls -l" };

/**
 * The shell's state (environment, working directory, aliases, `$?`, history) and the entry point that parses
 * and runs a command line. Pipeline stages and `$(…)` run in `subshell()` copies, so their `cd` stays theirs.
 */
export class Shell {
  env: Map<string, string>;
  cwd: string;
  aliases: Map<string, string>;
  status = 0;
  /** Set by `exit`: the session starts a fresh shell. */
  exitRequested = false;
  history: string[];
  /** How many subshells deep this one is: `$(…)` nesting is capped so a pathological line cannot recurse forever. */
  depth = 0;
  readonly fs: VirtualFs;
  readonly home: string;

  constructor(
    readonly options: ShellOptions,
    history: string[] = [],
  ) {
    this.fs = options.fs;
    this.home = options.home;
    this.cwd = options.home;
    this.history = history;
    this.env = new Map(
      Object.entries({
        HOME: options.home,
        USER: options.userName,
        LOGNAME: options.userName,
        PWD: options.home,
        TERM: "xterm-256color",
        SHELL: "/bin/bash",
        PATH: "/usr/local/bin:/usr/bin:/bin",
        HOSTNAME: "kubeclass",
        ...options.env,
      }),
    );
    this.aliases = new Map(Object.entries(DEFAULT_ALIASES));
  }

  now(): Date {
    return this.options.now();
  }

  subshell(): Shell {
    const copy = new Shell(this.options, this.history);
    copy.env = new Map(this.env);
    copy.cwd = this.cwd;
    copy.aliases = new Map(this.aliases);
    copy.status = this.status;
    copy.depth = this.depth + 1;
    return copy;
  }

  lookup(name: string): string | undefined {
    if (name === "?") return String(this.status);
    if (name === "$") return "4242";
    if (name === "#") return "0";
    if (name === "0") return "-bash";
    return this.env.get(name);
  }

  /** Parses and runs one command line; a syntax error prints one line and sets `$?` to 2. */
  async run(source: string, io: ShellIo): Promise<number> {
    const parsed = parseShell(source);
    if (!parsed.ok) {
      io.stderr.write(parsed.message + "\n");
      this.status = 2;
      return 2;
    }
    return runScript(this, parsed.script, io);
  }

  findCommand(name: string): FoundCommand | undefined {
    const builtin = builtins[name];
    if (builtin) return { kind: "builtin", run: builtin };
    const coreutil = coreutils[name];
    if (coreutil) return { kind: "coreutil", run: coreutil };
    const program = this.options.programs[name];
    if (program) return { kind: "program", run: (ctx) => program(ctx) };
    return undefined;
  }

  /** Every command name, for completion. */
  commandNames(): string[] {
    return [...new Set([...Object.keys(builtins), ...Object.keys(coreutils), ...Object.keys(this.options.programs), ...this.aliases.keys()])].sort();
  }

  /** Replaces a leading alias by its words, as bash does (an alias is not expanded inside itself). */
  async expandAliases(argv: string[], context: ExpandContext): Promise<string[]> {
    const seen = new Set<string>();
    let words = argv;
    for (;;) {
      const first = words[0];
      const value = first === undefined ? undefined : this.aliases.get(first);
      if (first === undefined || value === undefined || seen.has(first)) return words;
      seen.add(first);
      const parsed = parseShell(value);
      const command = parsed.ok ? parsed.script[0]?.first.commands[0] : undefined;
      const replacement = command ? await expandWords(command.words, context) : [];
      words = [...replacement, ...words.slice(1)];
    }
  }
}

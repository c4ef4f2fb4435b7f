import type { ProgramContext } from "../terminal/program";
import type { KubeClient } from "./client/kube-client";
import type { FlagSpec, ParsedFlags } from "./flags/flag-spec";
import type { Kubeconfig } from "./kubeconfig/kubeconfig";
import type { KubectlDeps } from "./kubectl-deps";
import type { Discovery } from "./resources/discovery";

/**
 * One kubectl command (`get`, `config view`). Commands are data plus `run`: the program parses flags, loads the
 * kubeconfig and builds the client before calling `run`. A command fails by throwing (errors.ts) or returning
 * a non-zero exit code.
 */
export type Command = {
  name: string;
  aliases?: string[];
  /** One line for `kubectl` help: "Display one or many resources". */
  short: string;
  /** The usage line: "kubectl get [(-o|--output=)json|yaml|...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | ...) [flags]". */
  usage: string;
  /** Flags besides the global ones (namespace, context, kubeconfig, …), which every command accepts. */
  flags?: FlagSpec[];
  /** Subcommands (`config view`); a command with subcommands and no `run` prints its help. */
  subcommands?: Command[];
  /** Resolves (or returns, for commands that never wait) the exit code. */
  run?(ctx: CommandContext): Promise<number> | number;
};

export type CommandContext = {
  /** The terminal's process view: stdin, env, fs, signal, now(). Write output through `out`/`err`. */
  io: ProgramContext;
  deps: KubectlDeps;
  /** Positional arguments after the command path (`kubectl get pods x` → ["pods", "x"]). */
  args: string[];
  flags: ParsedFlags;
  /** "kubectl get", for messages (`See 'kubectl get --help' for usage.`). */
  commandPath: string;
  client: KubeClient;
  discovery: Discovery;
  /** The kubeconfig as loaded for this run, its path, and a way to save it back. */
  kubeconfig: Kubeconfig;
  kubeconfigPath: string;
  saveKubeconfig(config: Kubeconfig): Promise<void>;
  /** -n/--namespace, else the current context's, else "default". */
  namespace: string;
  /** Whether -n/--namespace was given (some commands print differently then). */
  namespaceExplicit: boolean;
  out(text: string): void;
  err(text: string): void;
};

/** A flag list helper for commands: `flag("output", "o", "string", "Output format.")`. */
export function flag(name: string, short: string | undefined, type: FlagSpec["type"], description: string, defaultValue?: FlagSpec["default"]): FlagSpec {
  return { name, type, description, ...(short ? { short } : {}), ...(defaultValue !== undefined ? { default: defaultValue } : {}) };
}

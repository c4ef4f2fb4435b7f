import type { Program, ProgramContext } from "../terminal/program";
import { KubeApiError } from "./client/kube-api-error";
import { withImpersonation } from "./client/impersonation";
import { logConfigLoaded, withRequestLog } from "./client/request-log";
import { KubeClient } from "./client/kube-client";
import type { Command, CommandContext } from "./command";
import { commands as registry } from "./commands/index";
import { CommandError, ExitCode, OutputError, UsageError } from "./errors";
import { FlagError, parseFlags } from "./flags/parse-flags";
import { globalFlags } from "./flags/global-flags";
import { findCommand, suggestCommands } from "./find-command";
import { commandHelp, optionsHelp, rootHelp } from "./help";
import { resolvePath } from "../terminal/paths";
import { missingKubeconfig, resolveClientConfig, type ClientConfig } from "./kubeconfig/client-config";
import { kubeconfigPath, readKubeconfig, writeKubeconfig } from "./kubeconfig/kubeconfig";
import type { KubectlDeps } from "./kubectl-deps";
import { Discovery } from "./resources/discovery";

// Real kubectl's top-level commands: unknown-command suggestions name these even where this kubectl lacks one.
const kubectlCommandNames = [
  "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale", "certificate",
  "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach", "exec", "port-forward",
  "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait", "kustomize", "label",
  "annotate", "completion", "alpha", "api-resources", "api-versions", "config", "plugin", "version", "options", "help",
];

/** The terminal's `kubectl`: parses argv like cobra, runs one command from the registry, prints errors as kubectl. */
export function kubectlProgram(deps: KubectlDeps, commands: Command[] = registry): Program {
  return async (io) => {
    try {
      return await runKubectl(deps, commands, io);
    } catch (error) {
      return report(io, error);
    }
  };
}

async function runKubectl(deps: KubectlDeps, commands: Command[], io: ProgramContext): Promise<number> {
  const found = findCommand(commands, io.argv.slice(1), globalFlags);
  const out = (text: string) => io.stdout.write(text);
  if (found.unknown !== undefined) {
    if (found.unknown === "help") return help(io, commands, found.rest.slice(1));
    if (found.unknown === "options") return (out(optionsHelp(globalFlags)), 0);
    // kubectl looks for a plugin first, and refuses flags before a plugin's name.
    const first = io.argv[1] ?? "";
    if (first.startsWith("-")) throw new OutputError(`Error: flags cannot be placed before plugin name: ${first}`);
    const names = [...kubectlCommandNames, ...commands.map((c) => c.name)];
    const suggestions = suggestCommands(found.unknown, names);
    const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}` : "";
    throw new CommandError(`unknown command "${found.unknown}" for "kubectl"${hint}`);
  }
  const command = found.path.at(-1);
  const commandPath = ["kubectl", ...found.path.map((c) => c.name)].join(" ");
  let parsed;
  try {
    parsed = parseFlags(found.rest, [...globalFlags, ...(command?.flags ?? [])]);
  } catch (error) {
    if (error instanceof FlagError) throw new UsageError(`${error.message}\nSee '${commandPath} --help' for usage.`);
    throw error;
  }
  if (!command) {
    out(rootHelp(commands));
    return 0;
  }
  if (parsed.flags.bool("help")) {
    out(commandHelp(found.path, globalFlags));
    return 0;
  }
  if (!command.run) {
    const [word] = parsed.args;
    if (word !== undefined) throw new OutputError(`error: unknown command "${word}"\nSee '${commandPath} -h' for help and examples`);
    // A command group run bare prints its help on stderr and fails, as kubectl's do.
    throw new OutputError(commandHelp(found.path, globalFlags));
  }
  const path = kubeconfigPath(io, parsed.flags.string("kubeconfig"));
  const kubeconfig = await readKubeconfig(io, path);
  const explicit = parsed.flags.string("namespace");
  // A command's own flag of the same name (`create rolebinding --user`, `config set-cluster --server`) is not an override.
  const own = new Set((command.flags ?? []).map((f) => f.name));
  const flagValue = (name: string) => (own.has(name) ? "" : parsed.flags.string(name));
  const overrides = { context: flagValue("context"), cluster: flagValue("cluster"), user: flagValue("user"), namespace: explicit, server: flagValue("server"), token: flagValue("token"), kubeconfig: flagValue("kubeconfig") };
  const kubeconfigFound = Boolean(await io.fs.stat(resolvePath(io.cwd, path)));
  const level = Number.parseInt(parsed.flags.string("v"), 10) || 0;
  if (level >= 6 && kubeconfigFound) logConfigLoaded(io, path);
  const clientConfig = overrides.kubeconfig !== "" && !kubeconfigFound ? missingKubeconfig(path) : resolveClientConfig(kubeconfig, overrides);
  const connected = connectedDeps(deps, clientConfig, io);
  const acting = withImpersonation(withRequestLog(connected, { level, server: clientConfig.server ?? deps.serverUrl, io }), parsed.flags);
  const client = new KubeClient(acting, io.signal);
  const ctx: CommandContext = {
    io,
    deps: acting,
    args: parsed.args,
    flags: parsed.flags,
    commandPath,
    client,
    // Discovery goes out as the signed-in user even under --as, and -v does not log it: real kubectl answers it
    // from its disk cache (~/.kube/cache, shared by every identity), so it rarely reaches the server.
    discovery: new Discovery(new KubeClient(connected, io.signal)),
    kubeconfig,
    kubeconfigPath: path,
    saveKubeconfig: (config) => writeKubeconfig(io, path, config),
    // Read lazily: commands that never need it (config, version --client) work with a broken kubeconfig too.
    get namespace() {
      if (clientConfig.namespaceError && !explicit) throw clientConfig.namespaceError;
      return clientConfig.namespace;
    },
    namespaceExplicit: explicit !== "",
    out,
    err: (text) => io.stderr.write(text),
  };
  return await command.run(ctx);
}

/**
 * The API as this run's kubeconfig lets kubectl reach it: a kubeconfig real kubectl could not use fails on the
 * first request, as real kubectl's does (the terminal itself always talks to the in-process API).
 */
function connectedDeps(deps: KubectlDeps, config: ClientConfig, io: ProgramContext): KubectlDeps {
  const failure = config.connectError;
  if (!failure) return deps;
  let prompted = false;
  return {
    ...deps,
    serve: () => {
      if (config.prompt && !prompted) io.stdout.write(config.prompt);
      prompted = true;
      return Promise.reject(failure);
    },
  };
}

function help(io: ProgramContext, commands: Command[], words: string[]): number {
  const found = findCommand(commands, words, globalFlags);
  if (found.path.length === 0) io.stdout.write(rootHelp(commands));
  else io.stdout.write(commandHelp(found.path, globalFlags));
  return 0;
}

/** Prints a failure as kubectl does and gives the exit code. */
function report(io: ProgramContext, error: unknown): number {
  const line = (text: string) => io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  if (error instanceof ExitCode) return error.code;
  if (error instanceof OutputError) {
    line(error.text);
    return error.exitCode;
  }
  if (error instanceof KubeApiError) {
    line(error.checkErrMessage());
    return 1;
  }
  if (error instanceof CommandError) {
    line(`error: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof UsageError) {
    line(`error: ${error.message}`);
    return 1;
  }
  if (io.signal.aborted) return 130;
  line(`error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

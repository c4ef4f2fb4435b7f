import type { Command } from "./command";
import type { FlagSpec } from "./flags/flag-spec";

/** `kubectl` with no command: the command list (shorter than real kubectl's, same shape). */
export function rootHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.short}`);
  return [
    "kubectl controls the Kubernetes cluster manager.",
    "",
    " Find more information at: https://kubernetes.io/docs/reference/kubectl/",
    "",
    "Available Commands:",
    ...lines,
    "",
    "Usage:",
    "  kubectl [flags] [options]",
    "",
    `Use "kubectl <command> --help" for more information about a given command.`,
    "",
  ].join("\n");
}

/** `kubectl <command> --help`: description, subcommands, usage and flags. */
export function commandHelp(path: Command[], globals: FlagSpec[]): string {
  const command = path.at(-1);
  if (!command) return "";
  const name = ["kubectl", ...path.map((c) => c.name)].join(" ");
  const lines = [command.short, ""];
  if (command.subcommands?.length) {
    const width = Math.max(...command.subcommands.map((c) => c.name.length)) + 2;
    lines.push("Available Commands:", ...command.subcommands.map((c) => `  ${c.name.padEnd(width)}${c.short}`), "");
  }
  if (command.flags?.length) lines.push("Options:", ...command.flags.map(describeFlag), "");
  lines.push("Usage:", `  ${command.usage}`, "");
  if (command.subcommands?.length) lines.push(`Use "${name} <command> --help" for more information about a given command.`);
  lines.push(`Use "kubectl options" for a list of global command-line options (applies to all commands).`, "");
  void globals;
  return lines.join("\n");
}

function describeFlag(spec: FlagSpec): string {
  const names = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
  const value = spec.type === "bool" ? "" : `='${String(spec.default ?? "")}'`;
  return `    ${names}${value}:\n\t${spec.description}\n`;
}

/** `kubectl options`: the global flags. */
export function optionsHelp(globals: FlagSpec[]): string {
  return ["The following options can be passed to any command:", "", ...globals.map(describeFlag), ""].join("\n");
}

import type { Command } from "./command";
import type { FlagSpec } from "./flags/flag-spec";

export type FoundCommand = { path: Command[]; rest: string[]; unknown?: string };

/**
 * Finds the command a line names, as cobra's Find does: positional words walk down the command tree; flags
 * (and the values of global flags that take one) are skipped, so `kubectl -n x get pods` finds `get`.
 * `rest` is argv without the command words. `unknown` is set when the first word names no command.
 */
export function findCommand(commands: Command[], argv: string[], globals: FlagSpec[]): FoundCommand {
  const takesValue = (arg: string): boolean => {
    if (arg.includes("=")) return false;
    const spec = arg.startsWith("--")
      ? globals.find((f) => f.name === arg.slice(2))
      : arg.length === 2
        ? globals.find((f) => f.short === arg.slice(1))
        : undefined;
    return spec !== undefined && spec.type !== "bool";
  };
  const path: Command[] = [];
  const rest: string[] = [];
  let level = commands;
  let searching = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      rest.push(arg);
      if (searching && takesValue(arg) && i + 1 < argv.length) rest.push(argv[++i] ?? "");
      continue;
    }
    if (searching) {
      const found = level.find((c) => c.name === arg || c.aliases?.includes(arg));
      if (found) {
        path.push(found);
        level = found.subcommands ?? [];
        if (level.length === 0) searching = false;
        continue;
      }
      searching = false;
      if (path.length === 0) return { path, rest: argv, unknown: arg };
    }
    rest.push(arg);
  }
  return { path, rest };
}

/** Cobra's suggestions, in command order (kubectl turns cobra's sorting off): a name within edit distance 2 (ignoring case), or one the typed word begins. */
export function suggestCommands(typed: string, names: string[]): string[] {
  const lower = typed.toLowerCase();
  return [...new Set(names)]
    .filter((name) => name !== typed && (distance(lower, name.toLowerCase()) <= 2 || name.toLowerCase().startsWith(lower)));
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

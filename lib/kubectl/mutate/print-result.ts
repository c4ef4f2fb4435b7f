/**
 * What a write prints: `deployment.apps/web created` (plus ` (dry run)`), or with -o the object itself.
 * kubectl prints typed objects' JSON in Go field order, which the generators build in; YAML comes out sorted.
 */
import { flag, type CommandContext } from "../command";
import { CommandError } from "../errors";
import type { FlagSpec } from "../flags/flag-spec";
import { toYaml } from "../printers/yaml";
import { dryRunSuffix, type DryRun } from "./dry-run";

export function outputFlag(): FlagSpec {
  return flag("output", "o", "string", "Output format. One of: (json, yaml, name).");
}

export function printResult(ctx: CommandContext, prefix: string, name: string, verb: string, object: unknown, dryRun: DryRun): void {
  const output = ctx.flags.string("output");
  if (output === "") ctx.out(`${prefix}/${name} ${verb}${dryRunSuffix(dryRun)}\n`);
  else if (output === "name") ctx.out(`${prefix}/${name}\n`);
  else if (output === "yaml") ctx.out(toYaml(object));
  else if (output === "json") ctx.out(`${goIndentedJson(object)}\n`);
  else throw new CommandError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`);
}

function goIndentedJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * What a write prints: `deployment.apps/web created` (plus ` (dry run)`), or with -o the object itself.
 * kubectl prints typed objects' JSON in Go field order, which the generators build in; YAML comes out sorted.
 */
import type { KubeObject } from "../client/kube-client";
import { flag, type CommandContext } from "../command";
import { withoutManagedFields } from "../commands/get/print-objects";
import { CommandError } from "../errors";
import type { FlagSpec } from "../flags/flag-spec";
import { toYaml } from "../printers/yaml";
import { dryRunSuffix, type DryRun } from "./dry-run";

export function outputFlag(): FlagSpec {
  return flag("output", "o", "string", "Output format. One of: (json, yaml, name).");
}

export function printResult(ctx: CommandContext, prefix: string, name: string, verb: string, object: unknown, dryRun: DryRun): void {
  const output = ctx.flags.string("output");
  // kubectl's JSON/YAML printers omit managedFields unless --show-managed-fields, for every command.
  const shown = object && typeof object === "object" && !Array.isArray(object) ? withoutManagedFields(object as KubeObject) : object;
  if (output === "") ctx.out(`${prefix}/${name} ${verb}${dryRunSuffix(dryRun)}\n`);
  else if (output === "name") ctx.out(`${prefix}/${name}\n`);
  else if (output === "yaml") ctx.out(toYaml(shown));
  else if (output === "json") ctx.out(`${goIndentedJson(shown)}\n`);
  else throw new CommandError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`);
}

function goIndentedJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

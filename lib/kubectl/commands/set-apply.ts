/** What every `kubectl set` subcommand does per object once it knows the change: patch, print, collect errors. */
import type { CommandContext } from "../command";
import { OutputError } from "../errors";
import { parseDryRun, writeQuery } from "../mutate/dry-run";
import { printResult } from "../mutate/print-result";
import { updatePodSpec, type PodSpec } from "../mutate/rollout/pod-spec-update";
import { rolloutTargets } from "../mutate/rollout/rollout-targets";
import { kindPrefix } from "../resources/api-resource";

export async function setPodSpecs(ctx: CommandContext, resourceArgs: string[], verb: string, what: string, change: (spec: PodSpec, errors: string[]) => void): Promise<number> {
  const dryRun = parseDryRun(ctx.flags.string("dry-run"));
  const errors: string[] = [];
  for (const target of await rolloutTargets(ctx, resourceArgs, "one or more resources must be specified as <resource> <name> or <resource>/<name>")) {
    const { updated, patch } = updatePodSpec(target.object, (spec) => change(spec, errors));
    if (Object.keys(patch).length === 0) continue;
    let result: unknown = updated;
    if (dryRun !== "client") {
      try {
        result = await ctx.client.patch(target.path, patch, "strategic", writeQuery(ctx.flags.string("field-manager"), dryRun, false));
      } catch (error) {
        errors.push(`error: failed to patch ${what} update to pod template: ${(error as Error).message}`);
        continue;
      }
    }
    printResult(ctx, kindPrefix(target.resource), target.name, verb, result, dryRun);
  }
  if (errors.length > 0) throw new OutputError(`${errors.join("\n")}\n`, 1);
  return 0;
}

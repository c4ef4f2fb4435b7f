import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { kindPrefix, resourcePath } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { parseDryRun, writeQuery } from "../mutate/dry-run";
import { dryRunFlag } from "../mutate/file-flags";
import { printResult, outputFlag } from "../mutate/print-result";

export const scaleCommand: Command = {
  name: "scale",
  short: "Set a new size for a deployment, replica set, or replication controller",
  usage: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
  flags: [
    flag("replicas", undefined, "int", "The new desired number of replicas. Required.", -1),
    flag("current-replicas", undefined, "int", "Precondition for current size. Requires that the current size of the resource match this value in order to scale.", -1),
    flag("resource-version", undefined, "string", "Precondition for resource version."),
    flag("all", undefined, "bool", "Select all resources in the namespace of the specified resource types", false),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    if (!ctx.flags.changed("replicas")) throw new CommandError('required flag(s) "replicas" not set');
    const replicas = ctx.flags.int("replicas");
    if (replicas < 0) throw new CommandError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    if (ctx.args.length === 0) {
      throw new CommandError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    }
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    for (const { resource, names } of await resolveArgs(ctx.discovery, ctx.args)) {
      if (names.length === 0) throw new CommandError("resource(s) were provided, but no name was specified");
      for (const name of names) {
        const path = resourcePath(resource, ctx.namespace, name, "scale");
        const current = ctx.flags.int("current-replicas");
        if (current >= 0 || ctx.flags.string("resource-version")) {
          const scale = (await ctx.client.get(path)) as { spec?: { replicas?: number }; metadata?: { resourceVersion?: string } };
          if (current >= 0 && (scale.spec?.replicas ?? 0) !== current) {
            throw new CommandError(`Expected replicas to be ${current}, was ${scale.spec?.replicas ?? 0}`);
          }
          const rv = ctx.flags.string("resource-version");
          if (rv && scale.metadata?.resourceVersion !== rv) throw new CommandError(`Expected resource version to be ${rv}, was ${scale.metadata?.resourceVersion ?? ""}`);
        }
        let result: unknown = {};
        if (dryRun !== "client") result = await ctx.client.patch(path, { spec: { replicas } }, "merge", writeQuery("kubectl-scale", dryRun, false));
        printResult(ctx, kindPrefix(resource), name, "scaled", result, dryRun);
      }
    }
    return 0;
  },
};

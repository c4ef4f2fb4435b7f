import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { parseDryRun, writeQuery } from "../mutate/dry-run";
import { dryRunFlag, fileFlags, readTargets } from "../mutate/file-flags";
import { outputFlag, printResult } from "../mutate/print-result";
import { waitDeleted } from "../mutate/wait-deleted";
import { kindPrefix, qualifiedName, resourcePath } from "../resources/api-resource";

export const replaceCommand: Command = {
  name: "replace",
  short: "Replace a resource by file name or stdin",
  usage: "kubectl replace -f FILENAME [options]",
  flags: [
    ...fileFlags("replace."),
    flag("force", undefined, "bool", "If true, immediately remove resources from API and bypass graceful deletion.", false),
    flag("grace-period", undefined, "int", "Period of time in seconds given to the resource to terminate gracefully.", -1),
    flag("wait", undefined, "bool", "Only relevant during a force replace, will wait for resource deletion.", false),
    flag("save-config", undefined, "bool", "If true, the configuration of current object will be saved in its annotation.", false),
    flag("validate", undefined, "string", "Must be one of: strict (or true), warn, ignore (or false).", "strict"),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-replace"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    if (ctx.flags.strings("filename").length === 0) throw new CommandError("must specify --filename to replace");
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    const query = writeQuery(ctx.flags.string("field-manager"), dryRun, ctx.flags.string("validate") !== "false" && ctx.flags.string("validate") !== "ignore");
    for (const target of await readTargets(ctx)) {
      if (target instanceof Error) throw target;
      const collection = resourcePath(target.resource, target.namespace);
      const path = resourcePath(target.resource, target.namespace, target.name);
      if (dryRun === "client") {
        printResult(ctx, kindPrefix(target.resource), target.name, "replaced", target.object, dryRun);
        continue;
      }
      if (ctx.flags.bool("force")) {
        // kubectl --force: delete (waiting until it is gone), then create from the manifest.
        const gone = (await ctx.client.delete(path, { query: dryRun === "server" ? { dryRun: "All" } : {} })) as { metadata?: { uid?: string } };
        ctx.out(`${qualifiedName(target.resource)} "${target.name}" deleted\n`);
        if (dryRun !== "server") await waitDeleted(ctx.client, { collection, name: target.name, ...(gone.metadata?.uid ? { uid: gone.metadata.uid } : {}) }, ctx.io.signal);
        const created = await ctx.client.create(collection, target.object, query);
        printResult(ctx, kindPrefix(target.resource), target.name, "replaced", created, dryRun);
        continue;
      }
      const replaced = await ctx.client.update(path, target.object, query);
      printResult(ctx, kindPrefix(target.resource), target.name, "replaced", replaced, dryRun);
    }
    return 0;
  },
};

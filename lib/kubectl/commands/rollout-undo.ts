import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { parseDryRun, dryRunSuffix } from "../mutate/dry-run";
import { dryRunFlag } from "../mutate/file-flags";
import { describeRevision, revisionsOf } from "../mutate/rollout/deployment-history";
import { findRevision, rollbackPatch, templateMatches } from "../mutate/rollout/rollback-patch";
import { objectName, rolloutTargets } from "../mutate/rollout/rollout-targets";
import { resourcePath } from "../resources/api-resource";
import type { KubeObject } from "../client/kube-client";

export const rolloutUndoCommand: Command = {
  name: "undo",
  short: "Undo a previous rollout",
  usage: "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags]",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to get from a server."),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("to-revision", undefined, "int", "The revision to rollback to. Default to 0 (last revision).", 0),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
    dryRunFlag(),
  ],
  async run(ctx) {
    if (ctx.args.length === 0 && !ctx.flags.changed("filename")) throw new CommandError("required resource not specified");
    const toRevision = ctx.flags.int("to-revision");
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    for (const target of await rolloutTargets(ctx)) {
      const deployment = target.object;
      // kubectl 1.35 does not warn about a last-applied annotation here (that warning came in a later release).
      if (target.resource.kind !== "Deployment") throw new CommandError(`no rollbacker has been implemented for "${target.resource.kind}.${target.resource.group}"`);
      const replicaSets = (await ctx.client.list(resourcePath({ ...target.resource, name: "replicasets", kind: "ReplicaSet" }, target.namespace))) as { items: KubeObject[] };
      const rs = findRevision(target.name, revisionsOf(deployment, replicaSets.items), toRevision);
      if (typeof rs === "string") throw new CommandError(rs);
      let result = "rolled back";
      if (dryRun === "client") {
        ctx.out(`${objectName(target)} ${describeRevision(rs)}${dryRunSuffix(dryRun)}\n`);
        continue;
      }
      if ((deployment.spec as { paused?: boolean } | undefined)?.paused === true) {
        throw new CommandError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
      }
      if (templateMatches(rs, deployment)) {
        result = `skipped rollback (current template already matches revision ${toRevision})`;
      } else {
        try {
          await ctx.client.patch(target.path, rollbackPatch(rs, deployment), "json", dryRun === "server" ? { dryRun: "All" } : {});
        } catch (error) {
          throw new CommandError(`failed restoring revision ${toRevision}: ${(error as Error).message}`);
        }
      }
      ctx.out(`${objectName(target)} ${result}${dryRunSuffix(dryRun)}\n`);
    }
    return 0;
  },
};

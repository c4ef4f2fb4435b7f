import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { controllerRevisionsOf } from "../mutate/rollout/controller-history";
import { describeRevision, historyTable, revisionsOf } from "../mutate/rollout/deployment-history";
import { objectName, rolloutTargets } from "../mutate/rollout/rollout-targets";
import { resourcePath } from "../resources/api-resource";
import type { KubeObject } from "../client/kube-client";

export const rolloutHistoryCommand: Command = {
  name: "history",
  short: "View rollout history",
  usage: "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags]",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to get from a server."),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("revision", undefined, "int", "See the details, including podTemplate of the revision specified", 0),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
  ],
  async run(ctx) {
    const revision = ctx.flags.int("revision");
    if (ctx.args.length === 0 && !ctx.flags.changed("filename")) throw new CommandError("required resource not specified");
    if (revision < 0) throw new CommandError(`revision must be a positive integer: ${revision}`);
    for (const target of await rolloutTargets(ctx)) {
      let revisions: Map<number, KubeObject>;
      if (target.resource.kind === "Deployment") {
        const replicaSets = (await ctx.client.list(resourcePath({ ...target.resource, name: "replicasets", kind: "ReplicaSet" }, target.namespace))) as { items: KubeObject[] };
        revisions = revisionsOf(target.object, replicaSets.items);
      } else if (target.resource.kind === "StatefulSet" || target.resource.kind === "DaemonSet") {
        const history = (await ctx.client.list(resourcePath({ ...target.resource, name: "controllerrevisions", kind: "ControllerRevision" }, target.namespace))) as { items: KubeObject[] };
        revisions = controllerRevisionsOf(target.object, history.items);
      } else {
        throw new CommandError(`no history viewer has been implemented for "${target.resource.kind}.${target.resource.group}"`);
      }
      let text: string;
      if (revision > 0 && revisions.size > 0) {
        const rs = revisions.get(revision);
        if (!rs) throw new CommandError("unable to find the specified revision");
        text = describeRevision(rs);
      } else {
        text = historyTable(revisions);
      }
      ctx.out(`${objectName(target)} ${revision > 0 ? `with revision #${revision}` : ""}\n${text}\n`);
    }
    return 0;
  },
};

import { flag, type Command, type CommandContext } from "../command";
import { CommandError, ExitCode } from "../errors";
import { parseGoDuration } from "../mutate/go-duration";
import { rolloutStatus } from "../mutate/rollout/status-viewer";
import { rolloutTargets, type RolloutTarget } from "../mutate/rollout/rollout-targets";
import { resourcePath } from "../resources/api-resource";

export const rolloutStatusCommand: Command = {
  name: "status",
  short: "Show the status of the rollout",
  usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to get from a server."),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("watch", "w", "bool", "Watch the status of the rollout until it's done.", true),
    flag("revision", undefined, "int", "Pin to a specific revision for showing its status. Defaults to 0 (last revision).", 0),
    flag("timeout", undefined, "string", "The length of time to wait before ending watch, zero means never.", "0s"),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
  ],
  async run(ctx) {
    const revision = ctx.flags.int("revision");
    if (ctx.args.length === 0 && !ctx.flags.changed("filename")) throw new CommandError("required resource not specified");
    if (revision < 0) throw new CommandError(`revision must be a positive integer: ${revision}`);
    const timeoutText = ctx.flags.string("timeout");
    const timeoutMs = parseGoDuration(timeoutText);
    if (timeoutMs === undefined) throw new CommandError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    for (const target of await rolloutTargets(ctx)) await watchStatus(ctx, target, revision, timeoutMs);
    return 0;
  },
};

/** kubectl's list-then-watch on the one object (field selector on its name), printing each state it sees. */
async function watchStatus(ctx: CommandContext, target: RolloutTarget, revision: number, timeoutMs: number): Promise<void> {
  const kind = target.resource.kind;
  if (!["Deployment", "DaemonSet", "StatefulSet"].includes(kind)) {
    throw new CommandError(`no status viewer has been implemented for ${kind}`);
  }
  const query = { fieldSelector: `metadata.name=${target.name}` };
  const collection = resourcePath(target.resource, target.namespace);
  const list = (await ctx.client.list(collection, query)) as { items: unknown[]; metadata: { resourceVersion?: string } };
  const show = (object: unknown): boolean => {
    const status = rolloutStatus(kind, object, revision);
    if ("error" in status) throw new CommandError(status.error);
    ctx.out(status.message);
    return status.done || !ctx.flags.bool("watch");
  };
  for (const item of list.items) if (show(item)) return;
  const timeout = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => timeout.abort(), timeoutMs) : undefined;
  try {
    const signal = AbortSignal.any([ctx.io.signal, timeout.signal]);
    for await (const event of ctx.client.watch(collection, { ...query, resourceVersion: list.metadata.resourceVersion ?? "" }, { signal })) {
      if (event.type === "DELETED") throw new CommandError("object has been deleted");
      if ((event.type === "ADDED" || event.type === "MODIFIED") && show(event.object)) return;
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (ctx.io.signal.aborted) throw new ExitCode(130);
  throw new CommandError("timed out waiting for the condition");
}

import { flag, type Command, type CommandContext } from "../../command";
import { CommandError, ExitCode, OutputError } from "../../errors";
import { resolveResource } from "../../resources/resolve-resource";
import { listAllowedActions } from "./can-i-list";

type Review = { status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string } };

export const canICommand: Command = {
  name: "can-i",
  short: "Check whether an action is allowed",
  usage: "kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]",
  flags: [
    flag("all-namespaces", "A", "bool", "If true, check the specified action in all namespaces."),
    flag("quiet", "q", "bool", "If true, suppress output and just return the exit code."),
    flag("subresource", undefined, "string", "SubResource such as pod/log or deployment/scale"),
    flag("list", undefined, "bool", "If true, prints all allowed actions."),
    flag("no-headers", undefined, "bool", "If true, prints allowed actions without headers"),
  ],
  run: runCanI,
};

async function runCanI(ctx: CommandContext): Promise<number> {
  if (ctx.flags.bool("list")) {
    if (ctx.args.length > 0) throw new CommandError("list option must be specified with no arguments");
    return listAllowedActions(ctx);
  }
  const [verb, target, ...extra] = ctx.args;
  if (!verb || !target || extra.length > 0) {
    throw new OutputError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const spec = target.startsWith("/") ? { nonResourceAttributes: { path: target, verb } } : { resourceAttributes: await resourceAttributes(ctx, verb, target) };
  const review = (await ctx.client.create("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    metadata: {},
    spec,
  })) as Review;
  const allowed = review.status?.allowed === true;
  if (!ctx.flags.bool("quiet")) {
    ctx.out(allowed ? "yes\n" : review.status?.reason ? `no - ${review.status.reason}\n` : "no\n");
  }
  if (!allowed) throw new ExitCode(1);
  return 0;
}

async function resourceAttributes(ctx: CommandContext, verb: string, target: string) {
  const slash = target.indexOf("/");
  const typeWord = slash >= 0 ? target.slice(0, slash) : target;
  let name = slash >= 0 ? target.slice(slash + 1) : "";
  let subresource = ctx.flags.string("subresource");
  // `pods/log` names a subresource when the part after the slash is not an object (kubectl asks discovery).
  let resource = typeWord;
  let group = "";
  let namespaced = true;
  try {
    const [found] = await resolveResource(ctx.discovery, typeWord);
    if (found) ({ name: resource, group, namespaced } = found);
    if (found && name && (await isSubresource(ctx, found.groupVersion, found.name, name))) {
      subresource = name;
      name = "";
    }
  } catch {
    ctx.err(`Warning: the server doesn't have a resource type '${typeWord}'\n\n`);
  }
  // kubectl warns whenever the type is cluster-scoped (with or without -n) and still sends its namespace.
  const all = ctx.flags.bool("all-namespaces");
  if (!namespaced && !all) ctx.err(`Warning: resource '${resource}' is not namespace scoped${group ? ` in group '${group}'` : ""}\n\n`);
  const namespace = all ? "" : ctx.namespace;
  return { namespace, verb, group, resource, ...(subresource ? { subresource } : {}), ...(name ? { name } : {}) };
}

async function isSubresource(ctx: CommandContext, groupVersion: string, plural: string, word: string): Promise<boolean> {
  const path = groupVersion.includes("/") ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
  const list = (await ctx.client.get(path)) as { resources?: { name: string }[] };
  return (list.resources ?? []).some((r) => r.name === `${plural}/${word}`);
}

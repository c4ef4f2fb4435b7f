import { KubeApiError } from "../client/kube-api-error";
import { flag, type Command, type CommandContext } from "../command";
import { CommandError } from "../errors";
import { resourcePath, type ApiResource } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { parseDryRun, type DryRun } from "../mutate/dry-run";
import { dryRunFlag, fileFlags, readTargets } from "../mutate/file-flags";
import { ErrorCollector } from "../mutate/per-object-errors";
import { waitDeleted, type Deleted } from "../mutate/wait-deleted";

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

type Victim = { resource: ApiResource; namespace: string | undefined; name: string };

export const deleteCommand: Command = {
  name: "delete",
  short: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
  flags: [
    ...fileFlags("delete"),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
    flag("field-selector", undefined, "string", "Selector (field query) to filter on."),
    flag("all", undefined, "bool", "Delete all resources, in the namespace of the specified resource types.", false),
    flag("all-namespaces", "A", "bool", "If present, list the requested object(s) across all namespaces.", false),
    flag("ignore-not-found", undefined, "bool", "Treat \"resource not found\" as a successful delete.", false),
    flag("grace-period", undefined, "int", "Period of time in seconds given to the resource to terminate gracefully.", -1),
    flag("now", undefined, "bool", "If true, resources are signaled for immediate shutdown (same as --grace-period=1).", false),
    flag("force", undefined, "bool", "If true, immediately remove resources from API and bypass graceful deletion.", false),
    flag("wait", undefined, "bool", "If true, wait for resources to be gone before returning.", true),
    flag("cascade", undefined, "string", 'Must be "background", "orphan", or "foreground".', "background"),
    flag("output", "o", "string", "Output mode. Use \"-o name\" for shorter output (resource/name)."),
    dryRunFlag(),
  ],
  async run(ctx) {
    const selecting = ctx.flags.bool("all") || ctx.flags.string("selector") !== "" || ctx.flags.string("field-selector") !== "";
    if (ctx.flags.bool("all") && ctx.flags.string("selector")) throw new CommandError("cannot set --all and --selector at the same time");
    let grace = ctx.flags.int("grace-period");
    if (ctx.flags.bool("now")) {
      if (grace !== -1) throw new CommandError("--now and --grace-period cannot be specified together");
      grace = 1;
    }
    if (grace === 0 && !ctx.flags.bool("force")) grace = 1;
    if (ctx.flags.bool("force") && grace < 0) grace = 0;
    if (ctx.flags.bool("force") && grace > 0) throw new CommandError("--force and --grace-period greater than 0 cannot be specified together");
    if (ctx.flags.bool("force") && grace === 0) {
      ctx.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    const ignoreNotFound = ctx.flags.changed("ignore-not-found") ? ctx.flags.bool("ignore-not-found") : selecting;
    const errors = new ErrorCollector();
    const victims = await findVictims(ctx, selecting, errors);
    const deleted: Deleted[] = [];
    let found = 0;
    for (const victim of victims) {
      const path = resourcePath(victim.resource, victim.namespace, victim.name);
      try {
        let uid: string | undefined;
        if (dryRun !== "client") {
          const body = { kind: "DeleteOptions", apiVersion: "v1", ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: cascade(ctx.flags.string("cascade")) };
          const response = (await ctx.client.delete(path, { body, ...(dryRun === "server" ? { query: { dryRun: "All" } } : {}) })) as { metadata?: { uid?: string }; details?: { uid?: string } };
          uid = response.details?.uid ?? response.metadata?.uid;
        }
        found++;
        printDeleted(ctx, victim, grace, dryRun);
        deleted.push({ collection: resourcePath(victim.resource, victim.namespace), name: victim.name, ...(uid ? { uid } : {}) });
      } catch (error) {
        if (ignoreNotFound && error instanceof KubeApiError && error.code === 404) continue;
        errors.add(error);
      }
    }
    if (found === 0 && errors.empty) ctx.out("No resources found\n");
    if (ctx.flags.bool("wait") && dryRun === "none") {
      for (const item of deleted) await waitDeleted(ctx.client, item, ctx.io.signal).catch((error: unknown) => errors.add(error));
    }
    return errors.finish(ctx);
  },
};

function cascade(value: string): string {
  if (value === "background" || value === "true") return "Background";
  if (value === "foreground") return "Foreground";
  if (value === "orphan" || value === "false") return "Orphan";
  throw new CommandError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
}

function printDeleted(ctx: CommandContext, victim: Victim, grace: number, dryRun: DryRun): void {
  const kind = victim.resource.group ? `${victim.resource.kind.toLowerCase()}.${victim.resource.group}` : victim.resource.kind.toLowerCase();
  if (ctx.flags.string("output") === "name") return ctx.out(`${kind}/${victim.name}\n`);
  let operation = grace === 0 ? "force deleted" : "deleted";
  if (victim.resource.namespaced) operation += ` from ${victim.namespace ?? ""} namespace`;
  if (dryRun === "client") operation += " (dry run)";
  if (dryRun === "server") operation += " (server dry run)";
  ctx.out(`${kind} "${victim.name}" ${operation}\n`);
}

async function findVictims(ctx: CommandContext, selecting: boolean, errors: ErrorCollector): Promise<Victim[]> {
  if (ctx.flags.changed("filename")) {
    const victims: Victim[] = [];
    for (const target of await readTargets(ctx)) {
      if (target instanceof Error) errors.add(target);
      else victims.push({ resource: target.resource, namespace: target.namespace, name: target.name });
    }
    return victims;
  }
  if (ctx.args.length === 0) throw new CommandError(NO_RESOURCES);
  const requests = await resolveArgs(ctx.discovery, ctx.args);
  const allNamespaces = ctx.flags.bool("all-namespaces");
  const victims: Victim[] = [];
  for (const { resource, names } of requests) {
    if (names.length > 0) {
      if (selecting) throw new CommandError("name cannot be provided when a selector is specified");
      victims.push(...names.map((name) => ({ resource, namespace: resource.namespaced ? ctx.namespace : undefined, name })));
      continue;
    }
    if (!selecting) throw new CommandError("resource(s) were provided, but no name was specified");
    const query: Record<string, string> = {};
    if (ctx.flags.string("selector")) query.labelSelector = ctx.flags.string("selector");
    if (ctx.flags.string("field-selector")) query.fieldSelector = ctx.flags.string("field-selector");
    const list = await ctx.client.list(resourcePath(resource, allNamespaces ? undefined : ctx.namespace), query);
    for (const item of list.items) {
      victims.push({ resource, namespace: resource.namespaced ? (item.metadata?.namespace ?? ctx.namespace) : undefined, name: item.metadata?.name ?? "" });
    }
  }
  return victims;
}

import { flag, type Command, type CommandContext } from "../command";
import { KubeApiError, isNotFound } from "../client/kube-api-error";
import type { KubeObject } from "../client/kube-client";
import { describerFor } from "../describe";
import type { Obj } from "../describe/writer";
import { CommandError, ExitCode } from "../errors";
import { fileFlags, readTargets } from "../mutate/file-flags";
import { type ApiResource, resourcePath } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { clientDescribeSource } from "./describe-source";

type Info = { resource: ApiResource; object: KubeObject };

export const describeCommand: Command = {
  name: "describe",
  short: "Show details of a specific resource or group of resources",
  usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)",
  flags: [
    ...fileFlags("describe").map((f) => (f.name === "filename" ? { ...f, description: "Filename, directory, or URL to files containing the resource to describe" } : f)),
    flag("selector", "l", "string", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints."),
    flag("all-namespaces", "A", "bool", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.", false),
    flag("show-events", undefined, "bool", "If true, display events related to the described object.", true),
    flag("chunk-size", undefined, "int", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.", 500),
  ],
  async run(ctx) {
    const files = ctx.flags.strings("filename");
    if (ctx.args.length === 0 && files.length === 0) {
      throw new CommandError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
    }
    const allNamespaces = ctx.flags.bool("all-namespaces");
    const errors: Error[] = [];
    const infos: Info[] = [];
    let notFound: KubeApiError | undefined;
    if (files.length > 0) {
      for (const target of await readTargets(ctx)) {
        if (target instanceof Error) errors.push(target);
        else await fetchInto(ctx, target.resource, target.namespace, target.name, infos, errors);
      }
    } else {
      for (const { resource, names } of await resolveArgs(ctx.discovery, ctx.args)) {
        const namespace = allNamespaces ? undefined : ctx.namespace;
        if (names.length === 0) {
          const query: Record<string, string> = {};
          if (ctx.flags.string("selector")) query.labelSelector = ctx.flags.string("selector");
          const list = await ctx.client.list(resourcePath(resource, namespace), query);
          for (const object of list.items) infos.push({ resource, object });
          continue;
        }
        for (const name of names) {
          const missing = await fetchInto(ctx, resource, namespace ?? ctx.namespace, name, infos, errors);
          if (missing) notFound ??= missing;
        }
      }
    }
    const showEvents = ctx.flags.bool("show-events");
    const source = clientDescribeSource(ctx.client);
    const options = { showEvents, now: ctx.io.now() };
    // `describe TYPE NAME` with no such object describes every object whose name starts with NAME.
    if (notFound && ctx.args.length === 2 && !ctx.args[0]!.includes("/")) {
      const [request] = await resolveArgs(ctx.discovery, [ctx.args[0]!]);
      if (request) {
        const list = await ctx.client.list(resourcePath(request.resource, allNamespaces ? undefined : ctx.namespace));
        const matching = list.items.filter((o) => (o.metadata?.name ?? "").startsWith(ctx.args[1]!));
        if (matching.length === 0) throw notFound;
        for (const object of matching) ctx.out(`${await describeOne(request.resource, object, source, options)}\n`);
        return 0;
      }
    }
    if (notFound) errors.push(notFound);
    let first = true;
    for (const info of infos) {
      const text = await describeOne(info.resource, info.object, source, options);
      ctx.out(first ? text : `\n\n${text}`);
      first = false;
    }
    if (infos.length === 0 && errors.length === 0) {
      ctx.err(allNamespaces ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`);
    }
    if (errors.length === 0) return 0;
    for (const error of errors) ctx.err(`${error instanceof KubeApiError ? error.display() : `error: ${error.message}`}\n`);
    throw new ExitCode(1);
  },
};

function describeOne(resource: ApiResource, object: KubeObject, source: ReturnType<typeof clientDescribeSource>, options: { showEvents: boolean; now: Date }): Promise<string> {
  const described = { ...object, kind: object.kind ?? resource.kind } as Obj;
  return describerFor(resource.group, resource.kind)(described, source, options);
}

/** Reads one named object into `infos`; a NotFound is returned (it may turn into prefix matching), others kept. */
async function fetchInto(ctx: CommandContext, resource: ApiResource, namespace: string | undefined, name: string, infos: Info[], errors: Error[]): Promise<KubeApiError | undefined> {
  try {
    infos.push({ resource, object: await ctx.client.get(resourcePath(resource, namespace, name)) });
  } catch (error) {
    if (isNotFound(error)) return error as KubeApiError;
    errors.push(error as Error);
  }
  return undefined;
}

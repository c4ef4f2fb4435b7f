import type { KubeObject } from "../client/kube-client";
import type { Command, CommandContext } from "../command";
import { OutputError } from "../errors";
import { parseOutputFormat } from "../printers/output-format";
import { resolveArgs } from "../resources/resolve-resource";
import { fetchAll } from "./get/fetch";
import { getFlags } from "./get/get-flags";
import { printObjects } from "./get/print-objects";
import { printTables } from "./get/print-tables";
import { rawGet } from "./get/raw-get";
import { requestsFromFiles } from "./get/requests-from-files";
import { sortField } from "./get/sort-rows";
import { watchGet } from "./get/watch-get";

const mustSpecify = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export const getCommand: Command = {
  name: "get",
  short: "Display one or many resources",
  usage: "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
  flags: getFlags,
  run: runGet,
};

async function runGet(ctx: CommandContext): Promise<number> {
  if (ctx.flags.changed("raw")) return rawGet(ctx);
  const format = parseOutputFormat(ctx.flags.string("output"));
  const sortBy = ctx.flags.string("sort-by") ? sortField(ctx.flags.string("sort-by")) : undefined;
  const fromFiles = ctx.flags.strings("filename").length > 0;
  if (ctx.args.length === 0 && !fromFiles) throw new OutputError(mustSpecify);
  const requests = fromFiles ? await requestsFromFiles(ctx) : await resolveArgs(ctx.discovery, ctx.args);
  const allNamespaces = ctx.flags.bool("all-namespaces");
  const namespace = allNamespaces ? undefined : ctx.namespace;
  const withKind = ctx.flags.bool("show-kind") || new Set(requests.map((r) => r.resource)).size > 1;
  if (ctx.flags.bool("watch") || ctx.flags.bool("watch-only")) return watchGet(ctx, requests, namespace, format, { withKind, allNamespaces });

  let printed: boolean;
  let errors: string[];
  if (format.kind === "table") {
    const outcome = await fetchAll<unknown>(ctx, requests, namespace, "table", sortBy ? { includeObject: "Object" } : {});
    errors = outcome.errors;
    printed = printTables(ctx, outcome.fetched, {
      wide: format.wide,
      namespaceColumn: allNamespaces,
      showLabels: ctx.flags.bool("show-labels"),
      labelColumns: ctx.flags.strings("label-columns"),
      noHeaders: ctx.flags.bool("no-headers"),
      withKind,
      ...(sortBy ? { sortBy } : {}),
    });
    if (!printed && errors.length === 0) {
      const namespaced = requests.every((r) => r.resource.namespaced);
      ctx.err(namespaced && !allNamespaces ? `No resources found in ${ctx.namespace} namespace.\n` : "No resources found\n");
    }
  } else {
    const outcome = await fetchAll<KubeObject>(ctx, requests, namespace, "object");
    errors = outcome.errors;
    const singleItem = requests.length === 1 && requests[0]?.names.length === 1;
    printObjects(ctx, outcome.fetched, format, { singleItem, noHeaders: ctx.flags.bool("no-headers"), showManagedFields: ctx.flags.bool("show-managed-fields"), ...(sortBy ? { sortBy } : {}) });
  }
  for (const line of errors) ctx.err(`${line}\n`);
  return errors.length > 0 ? 1 : 0;
}

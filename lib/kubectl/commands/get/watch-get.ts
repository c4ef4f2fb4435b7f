import { TABLE_ACCEPT, type KubeObject } from "../../client/kube-client";
import type { CommandContext } from "../../command";
import { CommandError } from "../../errors";
import { kindPrefix, resourcePath } from "../../resources/api-resource";
import type { ResourceRequest } from "../../resources/resolve-resource";
import { toJson } from "../../printers/json";
import type { OutputFormat } from "../../printers/output-format";
import { executeJsonPath } from "../../printers/jsonpath";
import { isTable, tableHeader, tableRows, type ServerTable, type TableOptions } from "../../printers/table-rows";
import { TabWriter } from "../../printers/tab-writer";
import { toYaml } from "../../printers/yaml";
import { listQuery } from "./get-query";
import { withoutManagedFields } from "./print-objects";

/**
 * `get -w`: the current objects (unless --watch-only), then one line per change until Ctrl-C. Table rows keep
 * the first table's column widths (tabwriter's RememberWidths), as kubectl's watch printer does.
 */
export async function watchGet(
  ctx: CommandContext,
  requests: ResourceRequest[],
  namespace: string | undefined,
  format: OutputFormat,
  options: { withKind: boolean; allNamespaces: boolean },
): Promise<number> {
  const [request, ...others] = requests;
  if (!request || others.length > 0) throw new CommandError("you may only specify a single resource type");
  if (request.names.length > 1) throw new CommandError("watch is only supported on individual resources and resource collections, but 2 resources were found");
  const { resource } = request;
  const name = request.names[0];
  const table = format.kind === "table";
  const accept = table ? TABLE_ACCEPT : "application/json";
  const query = listQuery(ctx, name ? { fieldSelector: `metadata.name=${name}` } : {});
  delete query.limit;
  const tableOptions: TableOptions = {
    wide: format.kind === "table" && format.wide,
    namespaceColumn: options.allNamespaces,
    showLabels: ctx.flags.bool("show-labels"),
    labelColumns: ctx.flags.strings("label-columns"),
    ...(options.withKind ? { kindPrefix: kindPrefix(resource) } : {}),
  };
  const writer = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  let headerDone = ctx.flags.bool("no-headers");
  // The server sends column definitions only in the first Table of a watch; later rows reuse them.
  let columns: ServerTable["columnDefinitions"] = [];
  const print = (received: unknown) => {
    if (isTable(received)) {
      if (received.columnDefinitions.length > 0) columns = received.columnDefinitions;
      const object = { ...received, columnDefinitions: columns };
      if (!headerDone && object.rows.length > 0) {
        writer.row(tableHeader(object, tableOptions));
        headerDone = true;
      }
      for (const cells of tableRows(object, tableOptions)) writer.row(cells);
      ctx.out(writer.flush());
    } else printObject(ctx, format, resource.groupVersion, resource.kind, received as KubeObject);
  };

  let resourceVersion = "0";
  if (!ctx.flags.bool("watch-only")) {
    const list = (await ctx.client.request("GET", resourcePath(resource, namespace), { query, accept })) as { metadata?: { resourceVersion?: string }; items?: unknown[] };
    resourceVersion = list.metadata?.resourceVersion ?? "0";
    if (table) print(list);
    else for (const item of list.items ?? []) print(item);
  }
  const events = ctx.client.watch(resourcePath(resource, namespace), { ...query, resourceVersion, allowWatchBookmarks: "true" }, { accept });
  try {
    for await (const event of events) {
      if (event.type === "BOOKMARK") continue;
      print(event.object);
    }
  } catch (error) {
    if (!ctx.io.signal.aborted) throw error;
  }
  return ctx.io.signal.aborted ? 130 : 0;
}

function printObject(ctx: CommandContext, format: OutputFormat, apiVersion: string, kind: string, object: KubeObject): void {
  const full = { ...(ctx.flags.bool("show-managed-fields") ? object : withoutManagedFields(object)), apiVersion: object.apiVersion ?? apiVersion, kind: object.kind ?? kind };
  if (format.kind === "json") ctx.out(toJson(full));
  else if (format.kind === "yaml") ctx.out(`${toYaml(full)}---\n`);
  else if (format.kind === "jsonpath") ctx.out(executeJsonPath(format.template, full));
  else ctx.out(`${kind.toLowerCase()}/${full.metadata?.name ?? ""}\n`);
}

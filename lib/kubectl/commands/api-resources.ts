import { flag, type Command, type CommandContext } from "../command";
import { CommandError } from "../errors";
import { TabWriter } from "../printers/tab-writer";
import type { ApiResource } from "../resources/api-resource";

export const apiResourcesCommand: Command = {
  name: "api-resources",
  short: "Print the supported API resources on the server",
  usage: "kubectl api-resources [flags] [options]",
  flags: [
    flag("api-group", undefined, "string", "Limit to resources in the specified API group."),
    flag("cached", undefined, "bool", "Use the cached list of resources if available."),
    flag("categories", undefined, "stringSlice", "Limit to resources that belong to the specified categories."),
    flag("namespaced", undefined, "bool", "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.", true),
    flag("no-headers", undefined, "bool", "When using the default or custom-column output format, don't print headers (default print headers)."),
    flag("output", "o", "string", "Output format. One of: (wide, name)."),
    flag("show-managed-fields", undefined, "bool", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    flag("sort-by", undefined, "string", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
    flag("verbs", undefined, "stringSlice", "Limit to resources that support the specified verbs."),
  ],
  run: runApiResources,
};

async function runApiResources(ctx: CommandContext): Promise<number> {
  const output = ctx.flags.string("output");
  if (!["", "wide", "name"].includes(output)) throw new CommandError(`--output ${output} is not available`);
  const sortBy = ctx.flags.string("sort-by");
  if (sortBy && sortBy !== "name" && sortBy !== "kind") throw new CommandError(`--sort-by accepts only name or kind`);
  let resources = (await ctx.discovery.resources()).filter((r) => matches(ctx, r));
  resources = [...resources].sort((a, b) => compareBy(a, b, sortBy));
  if (output === "name") {
    for (const r of resources) ctx.out(r.group ? `${r.name}.${r.group}\n` : `${r.name}\n`);
    return 0;
  }
  const writer = new TabWriter();
  const wide = output === "wide";
  if (!ctx.flags.bool("no-headers")) writer.row(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])]);
  for (const r of resources) {
    const cells = [r.name, r.shortNames.join(","), r.groupVersion, String(r.namespaced), r.kind];
    if (wide) cells.push([...r.verbs].sort().join(","), r.categories.join(","));
    writer.row(cells);
  }
  ctx.out(writer.flush());
  return 0;
}

function matches(ctx: CommandContext, r: ApiResource): boolean {
  if (ctx.flags.changed("api-group") && r.group !== ctx.flags.string("api-group")) return false;
  if (ctx.flags.changed("namespaced") && r.namespaced !== ctx.flags.bool("namespaced")) return false;
  const verbs = ctx.flags.strings("verbs");
  if (verbs.length > 0 && !verbs.every((v) => r.verbs.includes(v))) return false;
  const categories = ctx.flags.strings("categories");
  if (categories.length > 0 && !categories.every((c) => r.categories.includes(c))) return false;
  return r.verbs.length > 0 || true;
}

// kubectl's default order: by group, then by name (core group first).
function compareBy(a: ApiResource, b: ApiResource, sortBy: string): number {
  if (sortBy === "name") return cmp(a.name, b.name);
  if (sortBy === "kind") return cmp(a.kind, b.kind);
  return cmp(a.group, b.group) || cmp(a.name, b.name);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

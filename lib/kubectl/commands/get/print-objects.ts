import type { KubeObject } from "../../client/kube-client";
import type { CommandContext } from "../../command";
import { kindPrefix } from "../../resources/api-resource";
import { printCustomColumns } from "../../printers/custom-columns";
import { executeJsonPath } from "../../printers/jsonpath";
import { toJson } from "../../printers/json";
import type { OutputFormat } from "../../printers/output-format";
import { toYaml } from "../../printers/yaml";
import { itemsOf, type Fetched } from "./fetch";
import { sortByField } from "./sort-rows";

/**
 * -o name/json/yaml/jsonpath/custom-columns over plain objects. One named object prints as itself; anything
 * else as a `List` (json, yaml, jsonpath) or item by item (name, custom-columns), as kubectl does.
 */
export function printObjects(
  ctx: CommandContext,
  fetched: Fetched<KubeObject>[],
  format: Exclude<OutputFormat, { kind: "table" }>,
  options: { singleItem: boolean; noHeaders: boolean; showManagedFields: boolean; sortBy?: string },
): void {
  let entries = fetched.flatMap(({ resource, results }) => results.flatMap((r) => itemsOf(resource, r).map((object) => ({ resource, object }))));
  if (options.sortBy) entries = sortByField(entries, options.sortBy, (e) => e.object);
  const objects = entries.map((e) => (options.showManagedFields ? e.object : withoutManagedFields(e.object)));
  const single = options.singleItem && objects.length === 1 ? objects[0] : undefined;
  const data = single ?? { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } };
  switch (format.kind) {
    case "name":
      for (const { resource, object } of entries) ctx.out(`${kindPrefix(resource)}/${object.metadata?.name ?? ""}\n`);
      return;
    case "json":
      ctx.out(toJson(data));
      return;
    case "yaml":
      ctx.out(toYaml(data));
      return;
    case "jsonpath":
      ctx.out(executeJsonPath(format.template, data));
      return;
    case "custom-columns":
      ctx.out(printCustomColumns(format.columns, objects, options.noHeaders));
      return;
  }
}

/** kubectl hides managedFields in -o json/yaml unless --show-managed-fields. */
export function withoutManagedFields(object: KubeObject): KubeObject {
  if (!object.metadata || !("managedFields" in object.metadata)) return object;
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}

import { isJsonObject, type JsonObject } from "../../cluster/api/patch/json-value";
import { patchMetaFor } from "../../cluster/api/patch/patch-meta";
import { KubeApiError } from "../client/kube-api-error";
import { flag, type Command } from "../command";
import { CommandError, ExitCode, UsageError } from "../errors";
import { ManifestError, decodeManifests } from "../mutate/yaml-documents";
import { threeWayJsonMergePatch, threeWayStrategicPatch } from "../mutate/three-way-patch";
import { toYaml } from "../printers/yaml";
import { type ApiResource, kindPrefix, resourcePath } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { editText } from "./edit-text";

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const stripComments = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .trim();

const nameOf = (o: JsonObject): string => (isJsonObject(o.metadata) && typeof o.metadata.name === "string" ? o.metadata.name : "");

function withoutManagedFields(object: JsonObject): JsonObject {
  if (!isJsonObject(object.metadata)) return object;
  const { managedFields: _managed, ...metadata } = object.metadata;
  return { ...object, metadata };
}

export const editCommand: Command = {
  name: "edit",
  short: "Edit a resource on the server",
  usage: "kubectl edit (RESOURCE/NAME | -f FILENAME)",
  flags: [
    flag("output", "o", "string", "Output format."),
    flag("output-patch", undefined, "bool", "Output the patch if the resource is edited.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-edit"),
    flag("show-managed-fields", undefined, "bool", "If true, keep the managedFields when printing objects in JSON or YAML format.", false),
  ],
  async run(ctx) {
    if (ctx.args.length === 0) throw new UsageError("you must provide one or more resources by argument or filename\nSee 'kubectl edit -h' for help and examples");
    const targets: { resource: ApiResource; object: JsonObject }[] = [];
    for (const { resource, names } of await resolveArgs(ctx.discovery, ctx.args)) {
      if (names.length === 0) throw new CommandError("resource(s) were provided, but no name was specified");
      for (const name of names) targets.push({ resource, object: (await ctx.client.get(resourcePath(resource, ctx.namespace, name))) as JsonObject });
    }
    const shown = targets.map((t) => (ctx.flags.bool("show-managed-fields") ? t.object : withoutManagedFields(t.object)));
    const body = shown.length === 1 ? shown[0]! : { apiVersion: "v1", kind: "List", items: shown, metadata: {} };
    const original = header + toYaml(body);
    const first = targets[0]!;
    const edited = await editText(ctx.io, original, `kubectl-edit-${first.resource.name}-${nameOf(first.object)}.yaml`);
    if (edited === undefined || stripComments(edited) === stripComments(original)) {
      ctx.err("Edit cancelled, no changes made.\n");
      return 0;
    }
    if (stripComments(edited) === "") {
      ctx.err("Edit cancelled, saved file was empty.\n");
      return 0;
    }
    let documents: JsonObject[];
    try {
      documents = decodeManifests(edited, "edited-file");
    } catch (error) {
      if (error instanceof ManifestError) throw new CommandError(`The edited file had a syntax error: ${error.message}`);
      throw error;
    }
    const objects = documents.flatMap((d) => (d.kind === "List" && Array.isArray(d.items) ? (d.items as JsonObject[]) : [d]));
    let failed = false;
    for (const [index, target] of targets.entries()) {
      const after = objects[index];
      if (!after) continue;
      const before = shown[index]!;
      const name = nameOf;
      if (after.apiVersion !== before.apiVersion || after.kind !== before.kind || name(after) !== name(before)) throw new CommandError("At least one of apiVersion, kind and name was changed");
      const label = `${kindPrefix(target.resource)}/${name(before)}`;
      const meta = patchMetaFor(target.resource.group, target.resource.kind);
      const patch = meta ? threeWayStrategicPatch(before, after, before, meta) : threeWayJsonMergePatch(before, after, before);
      if (Object.keys(patch).length === 0) {
        ctx.out(`${label} skipped\n`);
        continue;
      }
      if (ctx.flags.bool("output-patch")) ctx.out(`Patch: ${JSON.stringify(patch)}\n`);
      try {
        await ctx.client.patch(resourcePath(target.resource, ctx.namespace, name(before)), patch, meta ? "strategic" : "merge", { fieldManager: ctx.flags.string("field-manager") });
        ctx.out(`${label} edited\n`);
      } catch (error) {
        if (!(error instanceof KubeApiError)) throw error;
        ctx.err(`${error.display()}\n`);
        failed = true;
      }
    }
    if (failed) throw new ExitCode(1);
    return 0;
  },
};

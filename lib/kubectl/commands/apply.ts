import { isJsonObject, type JsonObject } from "../../cluster/api/patch/json-value";
import { patchMetaFor } from "../../cluster/api/patch/patch-meta";
import { isNotFound } from "../client/kube-api-error";
import { flag, type Command, type CommandContext } from "../command";
import { CommandError } from "../errors";
import { kindPrefix, resourcePath } from "../resources/api-resource";
import { dryRunSuffix, parseDryRun, writeQuery, type DryRun } from "../mutate/dry-run";
import { dryRunFlag, fileFlags, readTargets } from "../mutate/file-flags";
import { lastAppliedOf, withLastApplied } from "../mutate/last-applied";
import type { ObjectTarget } from "../mutate/object-target";
import { ErrorCollector } from "../mutate/per-object-errors";
import { threeWayJsonMergePatch, threeWayStrategicPatch } from "../mutate/three-way-patch";

const CLIENT_SIDE_MANAGER = "kubectl-client-side-apply";

export const applyCommand: Command = {
  name: "apply",
  short: "Apply a configuration to a resource by file name or stdin",
  usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
  flags: [
    ...fileFlags("apply"),
    dryRunFlag(),
    flag("server-side", undefined, "bool", "If true, apply runs in the server instead of the client.", false),
    flag("force-conflicts", undefined, "bool", "If true, server-side apply will force the changes against conflicts.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-client-side-apply"),
    flag("validate", undefined, "string", "Must be one of: strict (or true), warn, ignore (or false).", "strict"),
    flag("output", "o", "string", "Output format. One of: name."),
  ],
  async run(ctx) {
    if (!ctx.flags.changed("filename")) throw new CommandError("must specify one of -f and -k");
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    const targets = await readTargets(ctx);
    if (targets.length === 0) throw new CommandError("no objects passed to apply");
    const errors = new ErrorCollector();
    for (const target of targets) {
      if (target instanceof Error) {
        errors.add(target);
        continue;
      }
      try {
        const verb = ctx.flags.bool("server-side") ? await applyServerSide(ctx, target, dryRun) : await applyOne(ctx, target, dryRun);
        ctx.out(ctx.flags.string("output") === "name" ? `${kindPrefix(target.resource)}/${target.name}\n` : `${kindPrefix(target.resource)}/${target.name} ${verb}${dryRunSuffix(dryRun)}\n`);
      } catch (error) {
        errors.add(error, contextFor(error, target));
      }
    }
    return errors.finish(ctx);
  },
};

/** kubectl names the file of a failed create; patch failures read as the server's message. */
function contextFor(error: unknown, target: ObjectTarget): string | undefined {
  return (error as { applyStage?: string }).applyStage === "create" ? `error when creating "${target.source}"` : undefined;
}

async function applyOne(ctx: CommandContext, target: ObjectTarget, dryRun: DryRun): Promise<string> {
  const path = resourcePath(target.resource, target.namespace, target.name);
  const manager = ctx.flags.changed("field-manager") ? ctx.flags.string("field-manager") : CLIENT_SIDE_MANAGER;
  const validate = ctx.flags.string("validate") !== "false" && ctx.flags.string("validate") !== "ignore";
  const modified = withLastApplied(target.object);
  let live: JsonObject;
  try {
    live = (await ctx.client.get(path)) as JsonObject;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    if (dryRun !== "client") {
      try {
        await ctx.client.create(resourcePath(target.resource, target.namespace), modified, writeQuery(manager, dryRun, validate));
      } catch (e) {
        // Marked so the error line names the file, as kubectl's "error when creating" does.
        throw Object.assign(e as Error, { applyStage: "create" });
      }
    }
    return "created";
  }
  const original = lastAppliedOf(live);
  if (!original && !hasLastAppliedText(live)) {
    ctx.err(
      `Warning: resource ${target.resource.name}/${target.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const meta = patchMetaFor(target.resource.group, target.resource.kind);
  const patch = meta ? threeWayStrategicPatch(original, modified, live, meta) : threeWayJsonMergePatch(original, modified, live);
  if (Object.keys(patch).length === 0) return "unchanged";
  if (dryRun !== "client") await ctx.client.patch(path, patch, meta ? "strategic" : "merge", writeQuery(manager, dryRun, validate));
  return "configured";
}

function hasLastAppliedText(live: JsonObject): boolean {
  const metadata = live.metadata;
  return isJsonObject(metadata) && isJsonObject(metadata.annotations) && typeof metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"] === "string";
}

async function applyServerSide(ctx: CommandContext, target: ObjectTarget, dryRun: DryRun): Promise<string> {
  const manager = ctx.flags.changed("field-manager") ? ctx.flags.string("field-manager") : "kubectl";
  const query: Record<string, string> = { ...writeQuery(manager, dryRun), ...(ctx.flags.bool("force-conflicts") ? { force: "true" } : {}) };
  if (dryRun !== "client") await ctx.client.patch(resourcePath(target.resource, target.namespace, target.name), JSON.stringify(target.object), "apply", query);
  return "serverside-applied";
}

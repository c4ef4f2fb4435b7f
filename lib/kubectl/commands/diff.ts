import { isJsonObject, type JsonObject } from "../../cluster/api/patch/json-value";
import { patchMetaFor } from "../../cluster/api/patch/patch-meta";
import { isNotFound } from "../client/kube-api-error";
import { flag, type Command } from "../command";
import { ExitCode } from "../errors";
import { fileFlags, readTargets } from "../mutate/file-flags";
import { lastAppliedOf, withoutLastApplied } from "../mutate/last-applied";
import type { ObjectTarget } from "../mutate/object-target";
import { threeWayJsonMergePatch, threeWayStrategicPatch } from "../mutate/three-way-patch";
import { toYaml } from "../printers/yaml";
import { resourcePath } from "../resources/api-resource";
import type { CommandContext } from "../command";
import { unifiedDiff } from "./diff-unified";

/**
 * `kubectl diff -f`: the live object against what `apply` would make of it (a server-side dry run), as YAML
 * without managedFields, printed the way kubectl's `diff -u -N LIVE-… MERGED-…` shows it. Exit 1 when different.
 */
export const diffCommand: Command = {
  name: "diff",
  short: "Diff the live version against a would-be applied version",
  usage: "kubectl diff -f FILENAME",
  flags: [
    ...fileFlags("diff"),
    flag("server-side", undefined, "bool", "If true, apply runs in the server instead of the client.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-client-side-apply"),
    flag("force-conflicts", undefined, "bool", "If true, server-side apply will force the changes against conflicts.", false),
    flag("show-managed-fields", undefined, "bool", "If true, include managed fields in the diff.", false),
  ],
  async run(ctx) {
    const stamp = ctx.io.now().getTime() % 1_000_000_000;
    const liveDir = `/tmp/LIVE-${stamp}`;
    const mergedDir = `/tmp/MERGED-${(stamp * 7 + 13) % 1_000_000_000}`;
    const time = formatTime(ctx.io.now());
    let differ = false;
    for (const target of await readTargets(ctx)) {
      if (target instanceof Error) throw target;
      const { live, merged } = await liveAndMerged(ctx, target);
      const show = (o: JsonObject | undefined) => (o ? toYaml(strip(o, ctx.flags.bool("show-managed-fields"))) : "");
      const file = `${target.resource.group ? `${target.resource.group}.` : ""}${target.resource.version}.${typeof target.object.kind === "string" ? target.object.kind : target.resource.kind}.${target.namespace ?? ""}.${target.name}`;
      const text = unifiedDiff(show(live), show(merged), `${liveDir}/${file}\t${time}`, `${mergedDir}/${file}\t${time}`);
      if (text === "") continue;
      differ = true;
      ctx.out(`diff -u -N ${liveDir}/${file} ${mergedDir}/${file}\n${text}`);
    }
    if (differ) throw new ExitCode(1);
    return 0;
  },
};

async function liveAndMerged(ctx: CommandContext, target: ObjectTarget): Promise<{ live?: JsonObject; merged: JsonObject }> {
  const path = resourcePath(target.resource, target.namespace, target.name);
  const manager = ctx.flags.string("field-manager");
  if (ctx.flags.bool("server-side")) {
    const live = await ctx.client.get(path).then((o) => o as JsonObject, (e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e as Error)));
    const query = { dryRun: "All", fieldManager: manager === "kubectl-client-side-apply" ? "kubectl" : manager, ...(ctx.flags.bool("force-conflicts") ? { force: "true" } : {}) };
    const merged = (await ctx.client.patch(path, JSON.stringify(target.object), "apply", query)) as JsonObject;
    return { ...(live ? { live } : {}), merged };
  }
  // Unlike apply, diff leaves the last-applied annotation out of what it sends.
  const modified = withoutLastApplied(target.object);
  let live: JsonObject;
  try {
    live = (await ctx.client.get(path)) as JsonObject;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { merged: (await ctx.client.create(resourcePath(target.resource, target.namespace), target.object, { dryRun: "All", fieldManager: manager })) as JsonObject };
  }
  const meta = patchMetaFor(target.resource.group, target.resource.kind);
  const original = lastAppliedOf(live);
  const patch = withoutEmptyAnnotations(meta ? threeWayStrategicPatch(original, modified, live, meta) : threeWayJsonMergePatch(original, modified, live));
  if (Object.keys(patch).length === 0) return { live, merged: live };
  const merged = (await ctx.client.patch(path, patch, meta ? "strategic" : "merge", { dryRun: "All", fieldManager: manager })) as JsonObject;
  return { live, merged };
}

/**
 * The `annotations: {}` the modified configuration carries adds nothing: Kubernetes' typed objects drop an empty
 * map when they are written out, so the real API server would answer with no annotations field at all.
 */
function withoutEmptyAnnotations(patch: JsonObject): JsonObject {
  const metadata = patch.metadata;
  if (!isJsonObject(metadata) || !isJsonObject(metadata.annotations) || Object.keys(metadata.annotations).length > 0) return patch;
  const { annotations: _empty, ...rest } = metadata;
  const { metadata: _metadata, ...others } = patch;
  return Object.keys(rest).length > 0 ? { ...others, metadata: rest } : others;
}

function strip(object: JsonObject, keepManagedFields: boolean): JsonObject {
  if (keepManagedFields || !isJsonObject(object.metadata)) return object;
  const { managedFields: _managed, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** GNU diff's header time: `2026-11-26 11:49:12.123456789 +0000`. */
function formatTime(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000000 +0000`;
}

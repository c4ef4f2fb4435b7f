/**
 * The shared run of `kubectl label` and `kubectl annotate`: read each object, change its labels or annotations,
 * send the JSON merge patch between before and after, print `pod/x labeled` (or not labeled / unlabeled).
 */
import type { JsonObject } from "../../cluster/api/patch/json-value";
import type { CommandContext } from "../command";
import { CommandError } from "../errors";
import { kindPrefix, resourcePath } from "../resources/api-resource";
import { builderListError } from "../resources/list-error";
import { resolveArgs } from "../resources/resolve-resource";
import { parseDryRun, writeQuery } from "./dry-run";
import { GeneratorError } from "./generators/generator-error";
import { goJson } from "./go-json";
import { applyPairs, parseAnnotationPairs, parseLabelPairs, splitResourcesAndPairs } from "./metadata-pairs";
import { printResult } from "./print-result";

export async function runMetadataCommand(ctx: CommandContext, kind: "label" | "annotation"): Promise<number> {
  const field = kind === "label" ? "labels" : "annotations";
  let resources: string[];
  let changes;
  try {
    const split = splitResourcesAndPairs(ctx.args, kind);
    resources = split.resources;
    if (split.pairs.length === 0 && !ctx.flags.bool("list")) throw new GeneratorError(`at least one ${kind} update is required`);
    changes = kind === "label" ? parseLabelPairs(split.pairs) : parseAnnotationPairs(split.pairs);
  } catch (error) {
    if (error instanceof GeneratorError) throw new CommandError(error.message);
    throw error;
  }
  if (resources.length === 0) throw new CommandError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  const dryRun = parseDryRun(ctx.flags.string("dry-run"));
  const overwrite = ctx.flags.bool("overwrite");
  const requests = await resolveArgs(ctx.discovery, resources);
  const selectors = { labelSelector: ctx.flags.string("selector"), fieldSelector: ctx.flags.string("field-selector") };
  const selecting = selectors.labelSelector !== "" || selectors.fieldSelector !== "";
  if (ctx.flags.bool("all") && selecting) throw new CommandError("cannot set --all and --selector at the same time");
  for (const { resource, names } of requests) {
    if (names.length === 0 && !ctx.flags.bool("all") && !selecting) throw new CommandError("resource(s) were provided, but no name was specified");
    const query = Object.fromEntries(Object.entries(selectors).filter(([, v]) => v !== ""));
    const list = async () =>
      (await ctx.client.list(resourcePath(resource, ctx.namespace), query).catch((error: unknown) => {
        throw builderListError(error, resource, query);
      })).items.map((i) => i.metadata?.name ?? "");
    const targets = names.length > 0 ? names : await list();
    for (const name of targets) {
      const path = resourcePath(resource, ctx.namespace, name);
      const live = (await ctx.client.get(path)) as JsonObject;
      const metadata = (live.metadata ?? {}) as JsonObject;
      const current = metadata[field] as Record<string, string> | undefined;
      if (kind === "label" && dryRun === "none") {
        for (const key of changes.remove) if (!current || !(key in current)) ctx.out(`label ${JSON.stringify(key)} not found.\n`);
      }
      let next: Record<string, string>;
      try {
        next = applyPairs(current, changes, overwrite, kind);
      } catch (error) {
        if (error instanceof GeneratorError) throw new CommandError(error.message);
        throw error;
      }
      const before = goJson(live);
      const after = goJson({ ...live, metadata: { ...metadata, [field]: next } });
      let result: unknown = { ...live, metadata: { ...metadata, [field]: next } };
      if (dryRun !== "client") {
        const patch = { metadata: { [field]: mergeDiff(current ?? {}, next) } };
        result = await ctx.client.patch(path, patch, "merge", writeQuery(kind === "label" ? "kubectl-label" : "kubectl-annotate", dryRun, false));
      }
      const verb = kind === "annotation" ? "annotated" : before === after ? "not labeled" : !overwrite && after.length < before.length ? "unlabeled" : "labeled";
      printResult(ctx, kindPrefix(resource), name, verb, result, dryRun);
    }
  }
  return 0;
}

function mergeDiff(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) patch[key] = value;
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  return patch;
}

import { posix } from "node:path";
import { parse as parseYaml } from "yaml";
import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { kindPrefix, resourcePath } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { parseDryRun, writeQuery } from "../mutate/dry-run";
import { dryRunFlag, readTargets } from "../mutate/file-flags";
import { goJson } from "../mutate/go-json";
import type { JsonValue } from "../../cluster/api/patch/json-value";
import { outputFlag, printResult } from "../mutate/print-result";

const TYPES = { json: "json", merge: "merge", strategic: "strategic" } as const;

export const patchCommand: Command = {
  name: "patch",
  short: "Update fields of a resource",
  usage: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
  flags: [
    flag("patch", "p", "string", "The patch to be applied to the resource JSON file."),
    flag("patch-file", undefined, "string", "A file containing a patch to be applied to the resource."),
    flag("type", undefined, "string", "The type of patch being provided; one of [json merge strategic]", "strategic"),
    flag("subresource", undefined, "string", "If specified, patch will operate on the subresource of the requested object."),
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to update"),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-patch"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    const typeName = ctx.flags.string("type");
    const type = TYPES[typeName as keyof typeof TYPES] as (typeof TYPES)[keyof typeof TYPES] | undefined;
    if (!type) throw new CommandError(`--type must be one of [json merge strategic], not ${JSON.stringify(typeName)}`);
    let text = ctx.flags.string("patch");
    if (ctx.flags.changed("patch") && ctx.flags.changed("patch-file")) throw new CommandError("cannot specify --patch and --patch-file together");
    if (ctx.flags.changed("patch-file")) {
      const file = ctx.flags.string("patch-file");
      const stat = await ctx.io.fs.stat(posix.resolve(ctx.io.cwd, file));
      if (!stat) throw new CommandError(`unable to read patch file: open ${file}: no such file or directory`);
      text = await ctx.io.fs.readFile(posix.resolve(ctx.io.cwd, file));
    }
    if (text === "") throw new CommandError("must specify --patch or --patch-file containing the contents of the patch");
    let patch: JsonValue;
    try {
      patch = parseYaml(text, { version: "1.1" }) as JsonValue;
    } catch (error) {
      throw new CommandError(`unable to parse ${JSON.stringify(text)}: yaml: ${(error as Error).message.split("\n")[0] ?? ""}`);
    }
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    const subresource = ctx.flags.string("subresource") || undefined;
    const targets: { prefix: string; path: string; name: string }[] = [];
    if (ctx.flags.changed("filename")) {
      for (const target of await readTargets(ctx)) {
        if (target instanceof Error) throw target;
        targets.push({ prefix: kindPrefix(target.resource), path: resourcePath(target.resource, target.namespace, target.name, subresource), name: target.name });
      }
    } else {
      if (ctx.args.length === 0) throw new CommandError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
      for (const { resource, names } of await resolveArgs(ctx.discovery, ctx.args)) {
        if (names.length === 0) throw new CommandError("resource(s) were provided, but no name was specified");
        for (const name of names) targets.push({ prefix: kindPrefix(resource), path: resourcePath(resource, ctx.namespace, name, subresource), name });
      }
    }
    for (const target of targets) {
      const before = await ctx.client.get(target.path);
      let result: unknown = before;
      // kubectl converts the patch from YAML to JSON before sending it, so a bare word goes out as a JSON string.
      const body = typeof patch === "string" ? JSON.stringify(patch) : patch;
      if (dryRun !== "client") result = await ctx.client.patch(target.path, body, type, writeQuery(ctx.flags.string("field-manager"), dryRun));
      const changed = goJson(before as JsonValue) !== goJson(result as JsonValue);
      // kubectl's patch sets the printer's operation after adding the dry-run suffix, so it never prints one.
      printResult(ctx, target.prefix, target.name, changed || dryRun === "client" ? "patched" : "patched (no change)", result, "none");
    }
    return 0;
  },
};

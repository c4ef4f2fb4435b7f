/** The -f/-R flags of the commands that read manifests, and reading them into targets. */
import { flag, type CommandContext } from "../command";
import { CommandError } from "../errors";
import type { FlagSpec } from "../flags/flag-spec";
import { targetOf, type ObjectTarget } from "./object-target";
import { ManifestError, readManifests } from "./read-manifests";

export function fileFlags(verb: string): FlagSpec[] {
  return [
    flag("filename", "f", "stringSlice", `Filename, directory, or URL to files that contains the configuration to ${verb}`),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", false),
  ];
}

export function dryRunFlag(): FlagSpec {
  return flag("dry-run", undefined, "string", 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.', "none");
}

/** The manifests -f names, as they read; decode and path errors end the command as kubectl's do. */
export async function readManifestFiles(ctx: CommandContext) {
  try {
    return await readManifests({ fs: ctx.io.fs, cwd: ctx.io.cwd, stdin: ctx.io.stdin }, ctx.flags.strings("filename"), ctx.flags.bool("recursive"));
  } catch (error) {
    if (error instanceof ManifestError) throw new CommandError(error.message);
    throw error;
  }
}

/** Each manifest's target, or the error resolving it (printed in turn while the others go on). */
export async function readTargets(ctx: CommandContext): Promise<(ObjectTarget | Error)[]> {
  const manifests = await readManifestFiles(ctx);
  const scope = { namespace: ctx.namespace, namespaceExplicit: ctx.namespaceExplicit };
  const out: (ObjectTarget | Error)[] = [];
  for (const manifest of manifests) {
    try {
      out.push(await targetOf(ctx.discovery, manifest, scope));
    } catch (error) {
      out.push(error as Error);
    }
  }
  return out;
}

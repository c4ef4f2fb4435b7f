/** The objects a `rollout`/`set` command acts on: `TYPE NAME`, `TYPE/NAME`, or -f manifests, each fetched. */
import type { CommandContext } from "../../command";
import { CommandError } from "../../errors";
import { kindPrefix, qualifiedName, resourcePath, type ApiResource } from "../../resources/api-resource";
import { resolveArgs } from "../../resources/resolve-resource";
import { readTargets } from "../file-flags";
import type { KubeObject } from "../../client/kube-client";

export type RolloutTarget = { resource: ApiResource; name: string; namespace: string; path: string; object: KubeObject };

export async function rolloutTargets(ctx: CommandContext, args = ctx.args, missing = "required resource not specified"): Promise<RolloutTarget[]> {
  const found: { resource: ApiResource; name: string; namespace: string }[] = [];
  if (ctx.flags.changed("filename") && ctx.flags.strings("filename").length > 0) {
    for (const target of await readTargets(ctx)) {
      if (target instanceof Error) throw target;
      found.push({ resource: target.resource, name: target.name, namespace: target.namespace ?? ctx.namespace });
    }
  } else {
    if (args.length === 0) throw new CommandError(missing);
    for (const { resource, names } of await resolveArgs(ctx.discovery, args)) {
      if (names.length === 0) throw new CommandError("resource(s) were provided, but no name was specified");
      for (const name of names) found.push({ resource, name, namespace: ctx.namespace });
    }
  }
  const out: RolloutTarget[] = [];
  for (const target of found) {
    const path = resourcePath(target.resource, target.namespace, target.name);
    out.push({ ...target, path, object: await ctx.client.get(path) });
  }
  return out;
}

/** `deployment.apps/web`, as kubectl's name printer writes an object. */
export const objectName = (target: RolloutTarget): string => `${kindPrefix(target.resource)}/${target.name}`;

/** `deployments.apps "web"`, as kubectl's per-object rollout errors name it. */
export const quotedName = (target: RolloutTarget): string => `${qualifiedName(target.resource)} ${JSON.stringify(target.name)}`;

import { flag, type Command, type CommandContext } from "../command";
import { type KubeApiError, isNotFound } from "../client/kube-api-error";
import type { KubeObject } from "../client/kube-client";
import { CommandError, ExitCode, OutputError } from "../errors";
import { type ApiResource, kindPrefix, resourcePath } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { durationSeconds } from "./logs";
import { sleep } from "./logs-pods";
import { type WaitFor, isMet, parseWaitFor } from "./wait-conditions";

/** How often `wait` re-reads the objects (kubectl watches; polling the in-process API is as good here). */
export const waitPollMs = 250;

type Target = { resource: ApiResource; name: string };

export const waitCommand: Command = {
  name: "wait",
  short: "Experimental: Wait for a specific condition on one or many resources",
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]",
  flags: [
    flag("for", undefined, "string", "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]."),
    flag("timeout", undefined, "string", "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.", "30s"),
    flag("selector", "l", "string", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints."),
    flag("all", undefined, "bool", "Select all resources in the namespace of the specified resource types", false),
    flag("all-namespaces", "A", "bool", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.", false),
    flag("for-timeout", undefined, "string", ""),
  ],
  async run(ctx) {
    const waitFor = parseWaitFor(ctx.flags.string("for"));
    const timeoutText = ctx.flags.string("timeout");
    const seconds = timeoutText.startsWith("-") ? 7 * 24 * 3600 : durationSeconds(timeoutText);
    if (seconds === undefined) throw new CommandError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
    const targets = await findTargets(ctx, waitFor);
    if (targets.length === 0) {
      if (waitFor.kind === "delete") return 0;
      throw new CommandError("no matching resources found");
    }
    const failures: string[] = [];
    for (const target of targets) {
      const outcome = await waitOne(ctx, target, waitFor, seconds * 1000);
      if (outcome === "met") ctx.out(`${kindPrefix(target.resource)}/${target.name} condition met\n`);
      else if (outcome !== "gone") failures.push(outcome);
    }
    if (failures.length === 0) return 0;
    // One failure reads `error: …`; several are listed bare, as kubectl prints an aggregate.
    if (failures.length === 1) throw new CommandError(failures[0]!);
    throw new OutputError(failures.join("\n"));
  },
};

async function findTargets(ctx: CommandContext, waitFor: WaitFor): Promise<Target[]> {
  const targets: Target[] = [];
  const selector = ctx.flags.string("selector");
  const namespace = ctx.flags.bool("all-namespaces") ? undefined : ctx.namespace;
  for (const { resource, names } of await resolveArgs(ctx.discovery, ctx.args)) {
    if (names.length > 0) {
      for (const name of names) targets.push({ resource, name });
      continue;
    }
    if (!ctx.flags.bool("all") && selector === "") throw new CommandError("resource(s) were provided, but no name was specified");
    const list = await ctx.client.list(resourcePath(resource, namespace), selector ? { labelSelector: selector } : {});
    for (const item of list.items) targets.push({ resource, name: item.metadata?.name ?? "" });
  }
  // A named object that is missing is an error unless waiting for its deletion (or creation).
  if (waitFor.kind !== "delete" && waitFor.kind !== "create") {
    for (const target of targets) await ctx.client.get(resourcePath(target.resource, ctx.namespace, target.name));
  }
  return targets;
}

/** "met", "gone" (deleted before we looked), or the timeout message. */
async function waitOne(ctx: CommandContext, target: Target, waitFor: WaitFor, timeoutMs: number): Promise<string> {
  const started = ctx.io.now().getTime();
  const path = resourcePath(target.resource, ctx.namespace, target.name);
  let first = true;
  for (;;) {
    let object: KubeObject | undefined;
    try {
      object = await ctx.client.get(path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (waitFor.kind === "delete") return first ? "gone" : "met";
      if (waitFor.kind !== "create") throw error as KubeApiError;
    }
    if (object && isMet(object, waitFor)) return "met";
    first = false;
    if (ctx.io.signal.aborted) throw new ExitCode(130);
    if (ctx.io.now().getTime() - started >= timeoutMs) return `timed out waiting for the condition on ${target.resource.name}/${target.name}`;
    await sleep(waitPollMs, ctx.io.signal);
  }
}

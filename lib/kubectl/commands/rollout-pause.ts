/** `rollout pause|resume|restart`: one strategic-merge patch per object, as kubectl's object pausers make them. */
import { flag, type Command, type CommandContext } from "../command";
import { OutputError } from "../errors";
import { objectName, quotedName, rolloutTargets, type RolloutTarget } from "../mutate/rollout/rollout-targets";
import type { KubeObject } from "../client/kube-client";

/** The patch for one object, or the reason it cannot have one (`is already paused`). */
type Patcher = (object: KubeObject, ctx: CommandContext) => unknown;
class Refused extends Error {}

const paused = (object: KubeObject): boolean => (object.spec as { paused?: boolean } | undefined)?.paused === true;

const pause: Patcher = (object) => {
  if (object.kind !== "Deployment") throw new Refused("pausing is not supported");
  if (paused(object)) throw new Refused("is already paused");
  return { spec: { paused: true } };
};

const resume: Patcher = (object) => {
  if (object.kind !== "Deployment") throw new Refused("resuming is not supported");
  if (!paused(object)) throw new Refused("is not paused");
  return { spec: { paused: null } };
};

const restart: Patcher = (object, ctx) => {
  if (!["Deployment", "DaemonSet", "StatefulSet"].includes(String(object.kind))) throw new Refused("restarting is not supported");
  if (paused(object)) throw new Refused("can't restart paused deployment (run rollout resume first)");
  const at = ctx.io.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  return { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": at } } } } };
};

function rolloutPatchCommand(name: string, short: string, patcher: Patcher, verb: string): Command {
  return {
    name,
    short,
    usage: `kubectl rollout ${name} RESOURCE`,
    flags: [
      flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to get from a server."),
      flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
      flag("selector", "l", "string", "Selector (label query) to filter on."),
      flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-rollout"),
      flag("output", "o", "string", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    ],
    async run(ctx) {
      const errors: string[] = [];
      for (const target of await rolloutTargets(ctx, ctx.args, "required resource not specified")) {
        const message = await patchOne(ctx, target, patcher);
        if (message.startsWith("error: ")) errors.push(message);
        else ctx.out(`${objectName(target)} ${verb}\n`);
      }
      if (errors.length > 0) throw new OutputError(`${errors.join("\n")}\n`, 1);
      return 0;
    },
  };
}

async function patchOne(ctx: CommandContext, target: RolloutTarget, patcher: Patcher): Promise<string> {
  let patch: unknown;
  try {
    patch = patcher(target.object, ctx);
  } catch (error) {
    if (error instanceof Refused) return `error: ${quotedName(target)} ${error.message}`;
    throw error;
  }
  try {
    await ctx.client.patch(target.path, patch, "strategic", { fieldManager: ctx.flags.string("field-manager") });
  } catch (error) {
    return `error: failed to patch: ${(error as Error).message}`;
  }
  return "";
}

export const rolloutPauseCommand = rolloutPatchCommand("pause", "Mark the provided resource as paused", pause, "paused");
export const rolloutResumeCommand = rolloutPatchCommand("resume", "Resume a paused resource", resume, "resumed");
export const rolloutRestartCommand = rolloutPatchCommand("restart", "Restart a resource", restart, "restarted");

import { flag, type Command } from "../command";
import { CommandError, UsageError } from "../errors";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { GeneratorError } from "../mutate/generators/generator-error";
import { parseLabelList, podObject } from "../mutate/generators/workloads";
import { outputFlag } from "../mutate/print-result";

const RESTART = { Always: "Always", OnFailure: "OnFailure", Never: "Never" } as const;

export const runCommand: Command = {
  name: "run",
  short: "Run a particular image on the cluster",
  usage: "kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]",
  flags: [
    flag("image", undefined, "string", "The image for the container to run."),
    flag("port", undefined, "string", "The port that this container exposes."),
    flag("labels", "l", "string", "Comma separated labels to apply to the pod. Will override previous values."),
    flag("annotations", undefined, "stringArray", "Annotations to apply to the pod."),
    flag("env", undefined, "stringArray", "Environment variables to set in the container."),
    flag("restart", undefined, "string", "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].", "Always"),
    flag("command", undefined, "bool", "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.", false),
    flag("image-pull-policy", undefined, "string", "The image pull policy for the container."),
    flag("serviceaccount", undefined, "string", "Service account to set in the pod spec."),
    flag("stdin", "i", "bool", "Keep stdin open on the container in the pod, even if nothing is attached.", false),
    flag("tty", "t", "bool", "Allocate a TTY for the container in the pod.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-run"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    // cobra checks required flags before the command runs.
    if (!ctx.flags.changed("image")) throw new CommandError('required flag(s) "image" not set');
    const [name, ...args] = ctx.args;
    if (!name) throw new UsageError(`NAME is required for run\nSee '${ctx.commandPath} -h' for help and examples`);
    const image = ctx.flags.string("image");
    if (!image) throw new CommandError("--image is required");
    if (ctx.flags.bool("tty") && !ctx.flags.bool("stdin")) throw new UsageError(`-i/--stdin is required for containers with -t/--tty=true\nSee '${ctx.commandPath} -h' for help and examples`);
    if (ctx.flags.bool("stdin")) throw new CommandError("attaching to a container (-i/-t) is not available in this terminal; run it without -i and use kubectl logs or exec");
    const restart = RESTART[ctx.flags.string("restart") as keyof typeof RESTART] as string | undefined;
    if (!restart) throw new UsageError(`invalid restart policy: ${ctx.flags.string("restart")}\nSee '${ctx.commandPath} -h' for help and examples`);
    const portText = ctx.flags.string("port");
    if (portText !== "" && !/^\d+$/.test(portText)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(portText)}: invalid syntax`);
    const annotations: Record<string, string> = {};
    for (const entry of ctx.flags.strings("annotations")) {
      const eq = entry.indexOf("=");
      if (eq <= 0) throw new CommandError(`invalid annotation spec: ${entry}`);
      annotations[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    let object;
    try {
      object = podObject({
        name,
        image,
        ...(ctx.flags.string("labels") ? { labels: parseLabelList(ctx.flags.string("labels")) } : {}),
        annotations,
        env: ctx.flags.strings("env"),
        ...(portText !== "" ? { port: Number(portText) } : {}),
        restart,
        command: ctx.flags.bool("command"),
        args,
        ...(ctx.flags.string("image-pull-policy") ? { imagePullPolicy: ctx.flags.string("image-pull-policy") } : {}),
        ...(ctx.flags.string("serviceaccount") ? { serviceAccount: ctx.flags.string("serviceaccount") } : {}),
        namespace: enforcedNamespace(ctx),
      });
    } catch (error) {
      if (error instanceof GeneratorError) throw new CommandError(error.message);
      throw error;
    }
    return createObject(ctx, { path: collectionPath("v1", "pods", ctx.namespace), prefix: "pod", fieldManager: ctx.flags.string("field-manager") }, object);
  },
};

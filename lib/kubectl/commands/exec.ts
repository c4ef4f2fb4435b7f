import type { ExecSnapshot } from "../../cluster/api/rest/pod-exec";
import { flag, type Command } from "../command";
import { KubeApiError } from "../client/kube-api-error";
import { CommandError, ExitCode, UsageError } from "../errors";
import { defaultContainer, podsForArgument } from "./logs-pods";
import { runExec } from "./exec-session";

export const execCommand: Command = {
  name: "exec",
  short: "Execute a command in a container",
  usage: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]",
  flags: [
    flag("container", "c", "string", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
    flag("stdin", "i", "bool", "Pass stdin to the container", false),
    flag("tty", "t", "bool", "Stdin is a TTY", false),
    flag("quiet", "q", "bool", "Only print output from the remote session", false),
    flag("filename", "f", "stringSlice", "to use to exec into the resource"),
    flag("pod-running-timeout", undefined, "string", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running", "1m0s"),
  ],
  async run(ctx) {
    // What follows `--` is the command; kubectl refuses the old `exec POD COMMAND` form.
    const argv = ctx.io.argv;
    const dash = argv.indexOf("--");
    const command = dash >= 0 ? argv.slice(dash + 1) : [];
    const before = ctx.args.slice(0, ctx.args.length - command.length);
    if (before.length === 0 && !ctx.flags.changed("filename")) throw new CommandError("pod, type/name or --filename must be specified");
    if (before.length > 1) throw new UsageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
    if (command.length === 0) throw new CommandError("you must specify at least one command for the container");
    const pod = await podsForArgument(ctx, before[0]!, (_name, error) => error as Error);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === "Succeeded" || phase === "Failed") throw new CommandError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = ctx.flags.string("container") || defaultContainer(ctx, pod);
    const stdin = ctx.flags.bool("stdin");
    let tty = ctx.flags.bool("tty") && stdin;
    if (tty && !ctx.io.tty) {
      if (!ctx.flags.bool("quiet")) ctx.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
      tty = false;
    }
    const query = new URLSearchParams();
    for (const word of command) query.append("command", word);
    query.set("container", container);
    query.set("stdout", "true");
    query.set("stderr", String(!tty));
    if (stdin) query.set("stdin", "true");
    if (tty) query.set("tty", "true");
    const response = await ctx.deps.serve({
      method: "POST",
      path: `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods/${encodeURIComponent(pod.metadata?.name ?? "")}/exec`,
      query,
      accept: "*/*",
      contentType: "application/json",
      signal: ctx.io.signal,
      upgraded: true,
    });
    if (response.kind !== "json") throw new CommandError("unable to upgrade connection");
    if (response.status >= 400) throw KubeApiError.fromBody(response.status, response.body);
    const code = await runExec(ctx.io, response.body as ExecSnapshot, { stdin, tty });
    if (code === 0) return 0;
    ctx.err(`command terminated with exit code ${code}\n`);
    throw new ExitCode(code);
  },
};

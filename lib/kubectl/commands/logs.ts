import { flag, type Command, type CommandContext } from "../command";
import { isNotFound } from "../client/kube-api-error";
import type { KubeObject } from "../client/kube-client";
import { CommandError, UsageError } from "../errors";
import { defaultContainer, podsForArgument, sleep } from "./logs-pods";

const usageError =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** How often `logs -f` asks for new lines (the simulated runtime has no stream to hold open). */
export const followIntervalMs = 1000;

type Pod = KubeObject & { spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] }; status?: { phase?: string; containerStatuses?: { name: string; state?: Record<string, unknown> }[] } };

export const logsCommand: Command = {
  name: "logs",
  short: "Print the logs for a container in a pod",
  usage: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]",
  flags: [
    flag("container", "c", "string", "Print the logs of this container"),
    flag("follow", "f", "bool", "Specify if the logs should be streamed.", false),
    flag("previous", "p", "bool", "If true, print the logs for the previous instance of the container in a pod if it exists.", false),
    flag("tail", undefined, "int", "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.", -1),
    flag("timestamps", undefined, "bool", "Include timestamps on each line in the log output", false),
    flag("selector", "l", "string", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints."),
    flag("all-containers", undefined, "bool", "Get all containers' logs in the pod(s).", false),
    flag("prefix", undefined, "bool", "Prefix each log line with the log source (pod name and container name)", false),
    flag("since", undefined, "string", "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used."),
    flag("limit-bytes", undefined, "int", "Maximum bytes of logs to return. Defaults to no limit.", 0),
    flag("ignore-errors", undefined, "bool", "If watching / following pod logs, allow for any errors that occur to be non-fatal", false),
    flag("max-log-requests", undefined, "int", "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.", 5),
  ],
  async run(ctx) {
    const selector = ctx.flags.string("selector");
    const args = ctx.args;
    if (args.length === 0 && selector === "") throw new UsageError(usageError);
    if (args.length === 1 && selector !== "") throw new UsageError("only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
    if (args.length > 2) throw new UsageError(usageError);
    let container = ctx.flags.string("container");
    if (args.length === 2) {
      if (container !== "") throw new CommandError("only one of -c or an inline [CONTAINER] arg is allowed");
      container = args[1]!;
    }
    if (ctx.flags.changed("limit-bytes") && ctx.flags.int("limit-bytes") <= 0) throw new CommandError("--limit-bytes must be greater than 0");
    if (ctx.flags.int("tail") < -1) throw new CommandError("--tail must be greater than or equal to -1");
    const query: Record<string, string> = {};
    if (ctx.flags.bool("previous")) query.previous = "true";
    if (ctx.flags.changed("limit-bytes")) query.limitBytes = String(ctx.flags.int("limit-bytes"));
    const since = ctx.flags.string("since");
    if (since !== "") {
      const seconds = durationSeconds(since);
      if (seconds === undefined) throw new UsageError(`invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"\nSee 'kubectl logs --help' for usage.`);
      if (seconds <= 0) throw new CommandError("--since must be greater than 0");
      query.sinceSeconds = String(seconds);
    }
    const tail = ctx.flags.int("tail");
    const tailLines = tail !== -1 ? tail : selector !== "" && !ctx.flags.changed("tail") ? 10 : undefined;
    if (tailLines !== undefined) query.tailLines = String(tailLines);
    const prefix = ctx.flags.bool("prefix");
    const allContainers = ctx.flags.bool("all-containers");

    let pods: Pod[];
    if (selector !== "") {
      pods = (await ctx.client.list(`/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods`, { labelSelector: selector })).items;
      if (pods.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
    } else {
      pods = [
        await podsForArgument(ctx, args[0]!, (name, error) =>
          isNotFound(error) ? new CommandError(`error from server (NotFound): pods "${name}" not found in namespace "${ctx.namespace}"`) : (error as Error),
        ),
      ];
    }
    const streams: { pod: Pod; container: string }[] = [];
    for (const pod of pods) {
      const names = (pod.spec?.containers ?? []).map((c) => c.name);
      const all = [...(pod.spec?.initContainers ?? []).map((c) => c.name), ...names];
      if (allContainers) {
        if (container !== "") throw new CommandError(`--all-containers=true should not be specified with container name ${container}`);
        for (const name of all) streams.push({ pod, container: name });
      } else if (container !== "") {
        if (!all.includes(container)) throw new CommandError(`container ${container} is not valid for pod ${pod.metadata?.name ?? ""}`);
        streams.push({ pod, container });
      } else {
        streams.push({ pod, container: defaultContainer(ctx, pod) });
      }
    }
    const follow = ctx.flags.bool("follow");
    if (follow && streams.length > ctx.flags.int("max-log-requests")) {
      throw new CommandError(
        `you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${ctx.flags.int("max-log-requests")}, use --max-log-requests to increase the limit`,
      );
    }
    const timestamps = ctx.flags.bool("timestamps");
    const writer = (pod: Pod, name: string) => {
      const label = prefix ? `[pod/${pod.metadata?.name ?? ""}/${name}] ` : "";
      return (text: string) => ctx.out(text.replace(/^(?=.)/gm, label));
    };
    if (follow) {
      await Promise.all(streams.map(({ pod, container: name }) => followLog(ctx, pod, name, query, timestamps, writer(pod, name))));
      return 0;
    }
    // Without -f the logs print one stream after another, as kubectl's sequential consumer does.
    for (const { pod, container: name } of streams) await printLog(ctx, pod, name, query, timestamps, writer(pod, name));
    return 0;
  },
};

const logPath = (ctx: CommandContext, pod: Pod) => `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods/${encodeURIComponent(pod.metadata?.name ?? "")}/log`;

async function fetchLog(ctx: CommandContext, pod: Pod, container: string, query: Record<string, string>): Promise<string> {
  return String(await ctx.client.request("GET", logPath(ctx, pod), { query: { ...query, container }, accept: "*/*" }));
}

async function printLog(ctx: CommandContext, pod: Pod, container: string, query: Record<string, string>, timestamps: boolean, write: (text: string) => void): Promise<void> {
  write(await fetchLog(ctx, pod, container, timestamps ? { ...query, timestamps: "true" } : query));
}

/** `-f`: prints what is there, then polls for new lines until Ctrl-C or the container stops running. */
async function followLog(ctx: CommandContext, pod: Pod, container: string, query: Record<string, string>, timestamps: boolean, write: (text: string) => void): Promise<void> {
  const signal = ctx.io.signal;
  const strip = (line: string) => (timestamps ? line : line.replace(/^\S+ /, ""));
  let lines = splitLines(await fetchLog(ctx, pod, container, { ...query, timestamps: "true" }));
  write(lines.map((l) => `${strip(l)}\n`).join(""));
  let last = lines.at(-1);
  const { tailLines: _tail, ...rest } = query;
  while (!signal.aborted) {
    await sleep(followIntervalMs, signal);
    if (signal.aborted) break;
    lines = splitLines(await fetchLog(ctx, pod, container, { ...rest, timestamps: "true" }));
    const from = last === undefined ? 0 : lines.lastIndexOf(last) + 1;
    const fresh = lines.slice(from);
    if (fresh.length > 0) {
      write(fresh.map((l) => `${strip(l)}\n`).join(""));
      last = fresh.at(-1);
    }
    const current = (await ctx.client.get(`/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods/${encodeURIComponent(pod.metadata?.name ?? "")}`)) as Pod;
    const state = current.status?.containerStatuses?.find((s) => s.name === container)?.state;
    if (!state?.running) break;
  }
}

const splitLines = (text: string) => text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);

/** Go's time.ParseDuration for whole units, rounded up to seconds as kubectl sends sinceSeconds. */
export function durationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return text === "0" ? 0 : undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]!]!;
  return Math.ceil(total);
}

import { parseQuantity, quantityMilliValue, quantityValue } from "../../cluster/api/quantity";
import { flag, type Command, type CommandContext } from "../command";
import type { KubeObject } from "../client/kube-client";
import { alignTabs } from "../describe/tab-writer";
import { CommandError, UsageError } from "../errors";
import { type Usage, containerUsage, cpuText, memoryText, nodeOverhead } from "./top-metrics";

type Pod = KubeObject & { spec?: { nodeName?: string; containers?: { name: string; image?: string }[] }; status?: { phase?: string } };

// kubectl top prints through printers.GetNewTabWriter: minimum width 10, padding 3, every cell tab-terminated.
const table = (rows: string[][]) => alignTabs(rows.map((r) => `${r.map((c) => `${c}\t`).join("")}\n`).join(""), 3, 10);

const podUsage = (pod: Pod) =>
  (pod.spec?.containers ?? []).map((c) => ({ name: c.name, usage: containerUsage(typeof pod.metadata?.uid === "string" ? pod.metadata.uid : (pod.metadata?.name ?? ""), c) }));
const sum = (usages: Usage[]): Usage => usages.reduce((a, b) => ({ cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes }), { cpuMilli: 0, memoryBytes: 0 });

const sortFlag = flag("sort-by", undefined, "string", "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.");
const headersFlag = flag("no-headers", undefined, "bool", "If present, print output without headers", false);
const selectorFlag = flag("selector", "l", "string", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.");

function sortBy(ctx: CommandContext, items: { name: string; usage: Usage }[]): void {
  const by = ctx.flags.string("sort-by");
  if (by !== "" && by !== "cpu" && by !== "memory") throw new CommandError("--sort-by accepts only cpu or memory");
  if (by === "cpu") items.sort((a, b) => b.usage.cpuMilli - a.usage.cpuMilli);
  else if (by === "memory") items.sort((a, b) => b.usage.memoryBytes - a.usage.memoryBytes);
}

/**
 * kubectl top reads usage from the metrics API and refuses when discovery lists no metrics.k8s.io. The numbers
 * below are simulated (derived from each pod's requests) and only printed when a metrics API is served; the
 * cluster serves none yet, so learners see real kubectl's error.
 */
async function requireMetricsApi(ctx: CommandContext): Promise<void> {
  const groups = await ctx.discovery.groups();
  if (!groups.some((g) => g.name === "metrics.k8s.io" && g.versions.some((v) => v === "v1beta1" || v === "v1"))) throw new CommandError("Metrics API not available");
}

const topPod: Command = {
  name: "pod",
  aliases: ["pods", "po"],
  short: "Display resource (CPU/memory) usage of pods",
  usage: "kubectl top pod [NAME | -l label]",
  flags: [
    flag("all-namespaces", "A", "bool", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.", false),
    flag("containers", undefined, "bool", "If present, print usage of containers within a pod.", false),
    flag("sum", undefined, "bool", "Print the sum of the resource usage", false),
    selectorFlag,
    sortFlag,
    headersFlag,
  ],
  async run(ctx) {
    if (ctx.args.length > 1) throw new UsageError("kubectl top pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples");
    if (ctx.args.length === 1 && ctx.flags.string("selector")) throw new CommandError("only one of NAME or selector can be provided");
    await requireMetricsApi(ctx);
    const all = ctx.flags.bool("all-namespaces");
    const base = all ? "/api/v1/pods" : `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods`;
    let pods: Pod[];
    if (ctx.args.length === 1) {
      const pod = (await ctx.client.get(`${base}/${encodeURIComponent(ctx.args[0]!)}`)) as Pod;
      if (pod.status?.phase !== "Running") throw new CommandError("Metrics not available for pod " + `${ctx.namespace}/${ctx.args[0]!}, age: 0s`);
      pods = [pod];
    } else {
      const query: Record<string, string> = { fieldSelector: "status.phase=Running" };
      if (ctx.flags.string("selector")) query.labelSelector = ctx.flags.string("selector");
      pods = (await ctx.client.list(base, query)).items;
    }
    if (pods.length === 0) {
      ctx.err(all ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    const items = pods
      .map((pod) => ({ pod, name: pod.metadata?.name ?? "", containers: podUsage(pod) }))
      .map((p) => ({ ...p, usage: sum(p.containers.map((c) => c.usage)) }))
      .sort((a, b) => (all ? String(a.pod.metadata?.namespace).localeCompare(String(b.pod.metadata?.namespace)) : 0) || a.name.localeCompare(b.name));
    sortBy(ctx, items);
    const withContainers = ctx.flags.bool("containers");
    const rows: string[][] = [];
    if (!ctx.flags.bool("no-headers")) rows.push([...(all ? ["NAMESPACE"] : []), ...(withContainers ? ["POD"] : []), "NAME", "CPU(cores)", "MEMORY(bytes)"]);
    for (const item of items) {
      const ns = all ? [String(item.pod.metadata?.namespace ?? "")] : [];
      if (withContainers) for (const c of item.containers) rows.push([...ns, item.name, c.name, cpuText(c.usage), memoryText(c.usage)]);
      else rows.push([...ns, item.name, cpuText(item.usage), memoryText(item.usage)]);
    }
    if (ctx.flags.bool("sum")) {
      const total = sum(items.map((i) => i.usage));
      const lead = (all ? 1 : 0) + (withContainers ? 1 : 0);
      rows.push([...Array<string>(lead + 1).fill(""), "________", "________"]);
      rows.push([...Array<string>(lead + 1).fill(""), cpuText(total), memoryText(total)]);
    }
    ctx.out(table(rows));
    return 0;
  },
};

const topNode: Command = {
  name: "node",
  aliases: ["nodes", "no"],
  short: "Display resource (CPU/memory) usage of nodes",
  usage: "kubectl top node [NAME | -l label]",
  flags: [selectorFlag, sortFlag, headersFlag, flag("show-capacity", undefined, "bool", "Print node resources based on Capacity instead of Allocatable(default) of the nodes.", false)],
  async run(ctx) {
    await requireMetricsApi(ctx);
    const query: Record<string, string> = ctx.flags.string("selector") ? { labelSelector: ctx.flags.string("selector") } : {};
    const nodes = ctx.args.length === 1 ? [await ctx.client.get(`/api/v1/nodes/${encodeURIComponent(ctx.args[0]!)}`)] : (await ctx.client.list("/api/v1/nodes", query)).items;
    const pods = (await ctx.client.list("/api/v1/pods", { fieldSelector: "status.phase=Running" })).items as Pod[];
    const field = ctx.flags.bool("show-capacity") ? "capacity" : "allocatable";
    const items = nodes
      .map((node) => {
        const name = node.metadata?.name ?? "";
        const usage = sum([nodeOverhead(name), ...pods.filter((p) => p.spec?.nodeName === name).flatMap((p) => podUsage(p).map((c) => c.usage))]);
        const available = ((node.status as Record<string, Record<string, string>> | undefined)?.[field] ?? {});
        return { name, usage, cpu: Number(quantityMilliValue(parseQuantity(available.cpu ?? "0"))), memory: Number(quantityValue(parseQuantity(available.memory ?? "0"))) };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    sortBy(ctx, items);
    const percent = (used: number, total: number) => `${total === 0 ? 0 : Math.trunc((used / total) * 100)}%`;
    const rows: string[][] = ctx.flags.bool("no-headers") ? [] : [["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]];
    for (const n of items) rows.push([n.name, cpuText(n.usage), percent(n.usage.cpuMilli, n.cpu), memoryText(n.usage), percent(n.usage.memoryBytes, n.memory)]);
    ctx.out(table(rows));
    return 0;
  },
};

export const topCommand: Command = {
  name: "top",
  short: "Display resource (CPU/memory) usage",
  usage: "kubectl top [flags] [options]",
  subcommands: [topNode, topPod],
};

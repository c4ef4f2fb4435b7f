import type { ArgumentCompleter } from "../terminal/terminal-session";
import { KubeClient } from "./client/kube-client";
import type { Command } from "./command";
import { commands as registry } from "./commands/index";
import { globalFlags } from "./flags/global-flags";
import { contextNamespace, kubeconfigPath, readKubeconfig } from "./kubeconfig/kubeconfig";
import type { KubectlDeps } from "./kubectl-deps";
import { resourcePath } from "./resources/api-resource";
import { Discovery } from "./resources/discovery";
import { resolveResource } from "./resources/resolve-resource";

// Commands whose first argument is a pod, not a type.
const podCommands = new Set(["logs", "exec", "attach", "port-forward"]);
// Commands whose arguments are TYPE [NAME…] or TYPE/NAME.
const typeCommands = new Set(["get", "describe", "delete", "edit", "label", "annotate", "patch", "scale", "wait", "explain", "autoscale", "expose", "status", "history", "undo", "restart", "pause", "resume"]);
const neverAborted = new AbortController().signal;

/**
 * Tab completion for kubectl as its cobra completion offers it: commands and subcommands, flags after `-`,
 * resource types after a verb, object names of the type from the cluster (`logs hel<TAB>` → pods), namespaces
 * after -n, contexts after `config use-context`. Any failure completes nothing rather than breaking the line.
 */
export function completeKubectl(deps: KubectlDeps, commands: Command[] = registry): ArgumentCompleter {
  return async (words, word, context) => {
    try {
      return (await candidates(deps, commands, words.slice(1), word, context)).filter((c) => c.startsWith(word));
    } catch {
      return [];
    }
  };
}

async function candidates(deps: KubectlDeps, commands: Command[], words: string[], word: string, context: Parameters<ArgumentCompleter>[2]): Promise<string[]> {
  const path: Command[] = [];
  const positionals: string[] = [];
  let namespace = "";
  let level = commands;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    if (w.startsWith("-")) {
      const spec = [...globalFlags, ...(path.at(-1)?.flags ?? [])].find((f) => `--${f.name}` === w || `-${f.short ?? ""}` === w);
      if (spec && spec.type !== "bool" && !w.includes("=")) {
        if (spec.name === "namespace") namespace = words[i + 1] ?? "";
        i++;
      } else if (w.startsWith("--namespace=")) namespace = w.slice(12);
      continue;
    }
    const sub = level.find((c) => c.name === w || c.aliases?.includes(w));
    if (sub && positionals.length === 0) {
      path.push(sub);
      level = sub.subcommands ?? [];
    } else positionals.push(w);
  }
  const command = path.at(-1);
  const previous = words.at(-1) ?? "";
  const client = new KubeClient(deps, neverAborted);
  const io = { ...context, argv: [], env: context.env };
  const config = await readKubeconfig(io, kubeconfigPath(io));
  namespace ||= contextNamespace(config);

  if (previous === "-n" || previous === "--namespace") return names(client, "/api/v1/namespaces");
  if (word.startsWith("-")) {
    return [...(command?.flags ?? []), ...globalFlags].map((f) => `--${f.name}`);
  }
  if (!command) return commands.map((c) => c.name);
  if (level.length > 0 && positionals.length === 0) return level.map((c) => c.name);
  if (command.name === "use-context" || command.name === "delete-context" || command.name === "rename-context") return config.contexts.map((c) => c.name);
  if (podCommands.has(command.name)) return positionals.length === 0 ? names(client, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`) : [];
  if (!typeCommands.has(command.name)) return [];
  const discovery = new Discovery(client);
  if (positionals.length === 0) {
    const slash = word.indexOf("/");
    if (slash > 0) {
      const [resource] = await resolveResource(discovery, word.slice(0, slash));
      if (!resource) return [];
      return (await names(client, resourcePath(resource, namespace))).map((n) => `${word.slice(0, slash)}/${n}`);
    }
    return (await discovery.resources()).filter((r) => r.verbs.includes("list")).map((r) => (r.group ? `${r.name}.${r.group}` : r.name));
  }
  if (command.name === "explain") return [];
  const [resource] = await resolveResource(discovery, (positionals[0] ?? "").split(",")[0] ?? "");
  if (!resource) return [];
  const taken = new Set(positionals.slice(1));
  return (await names(client, resourcePath(resource, namespace))).filter((n) => !taken.has(n));
}

async function names(client: KubeClient, path: string): Promise<string[]> {
  const list = await client.list(path);
  return list.items.map((item) => item.metadata?.name ?? "").filter((n) => n !== "");
}

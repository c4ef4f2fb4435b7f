import { flag, type Command } from "../../command";
import { CommandError, OutputError } from "../../errors";
import { TabWriter } from "../../printers/tab-writer";

export const currentContextCommand: Command = {
  name: "current-context",
  short: "Display the current-context",
  usage: "kubectl config current-context [options]",
  run(ctx) {
    const name = ctx.kubeconfig["current-context"];
    if (!name) throw new CommandError("current-context is not set");
    ctx.out(`${name}\n`);
    return 0;
  },
};

export const useContextCommand: Command = {
  name: "use-context",
  aliases: ["use"],
  short: "Set the current-context in a kubeconfig file",
  usage: "kubectl config use-context CONTEXT_NAME [options]",
  async run(ctx) {
    const [name] = ctx.args;
    if (!name) throw new CommandError("empty context names are not allowed");
    if (!ctx.kubeconfig.contexts.some((c) => c.name === name)) throw new CommandError(`no context exists with the name: "${name}"`);
    await ctx.saveKubeconfig({ ...ctx.kubeconfig, "current-context": name });
    ctx.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

export const getContextsCommand: Command = {
  name: "get-contexts",
  short: "Describe one or many contexts",
  usage: "kubectl config get-contexts [(-o|--output=)name)] [options]",
  flags: [flag("no-headers", undefined, "bool", "When using the default or custom-column output format, don't print headers."), flag("output", "o", "string", "Output format. One of: (name).")],
  run(ctx) {
    const output = ctx.flags.string("output");
    if (output !== "" && output !== "name") throw new CommandError(`output must be one of '' or 'name': ${output}`);
    const all = [...ctx.kubeconfig.contexts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const wanted = ctx.args.length > 0 ? all.filter((c) => ctx.args.includes(c.name)) : all;
    const missing = ctx.args.filter((n) => !all.some((c) => c.name === n));
    if (output === "name") for (const c of wanted) ctx.out(`${c.name}\n`);
    else {
      const writer = new TabWriter();
      if (!ctx.flags.bool("no-headers")) writer.row(["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]);
      const current = ctx.kubeconfig["current-context"];
      for (const c of wanted) writer.row([c.name === current ? "*" : "", c.name, c.context.cluster ?? "", c.context.user ?? "", c.context.namespace ?? ""]);
      ctx.out(writer.flush());
    }
    if (missing.length > 0) throw new OutputError(missing.map((n) => `error: context ${n} not found`).join("\n"));
    return 0;
  },
};

export const setContextCommand: Command = {
  name: "set-context",
  short: "Set a context entry in kubeconfig",
  usage: "kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]",
  flags: [flag("current", undefined, "bool", "Modify the current context")],
  async run(ctx) {
    const config = ctx.kubeconfig;
    const current = ctx.flags.bool("current");
    const [given] = ctx.args;
    if (current && given) throw new CommandError("you cannot specify both a context name and --current");
    const name = current ? config["current-context"] ?? "" : given ?? "";
    if (!name) throw new CommandError(current ? "no current context is set" : "you must specify a non-empty context name or --current");
    const existing = config.contexts.find((c) => c.name === name);
    const context = { ...(existing?.context ?? {}) };
    for (const key of ["cluster", "user", "namespace"] as const) if (ctx.flags.changed(key)) context[key] = ctx.flags.string(key);
    const contexts = existing ? config.contexts.map((c) => (c.name === name ? { name, context } : c)) : [...config.contexts, { name, context }];
    await ctx.saveKubeconfig({ ...config, contexts });
    ctx.out(`Context "${name}" ${existing ? "modified" : "created"}.\n`);
    return 0;
  },
};

export const renameContextCommand: Command = {
  name: "rename-context",
  short: "Rename a context from the kubeconfig file",
  usage: "kubectl config rename-context CONTEXT_NAME NEW_NAME [options]",
  async run(ctx) {
    const [from, to] = ctx.args;
    if (!from || !to || ctx.args.length !== 2) throw new CommandError("Unexpected args: " + `[${ctx.args.join(" ")}]`);
    const config = ctx.kubeconfig;
    if (!config.contexts.some((c) => c.name === from)) throw new CommandError(`cannot rename the context "${from}", it's not in ${ctx.kubeconfigPath}`);
    if (config.contexts.some((c) => c.name === to)) throw new CommandError(`cannot rename the context "${from}", the context "${to}" already exists in ${ctx.kubeconfigPath}`);
    await ctx.saveKubeconfig({
      ...config,
      contexts: config.contexts.map((c) => (c.name === from ? { ...c, name: to } : c)),
      ...(config["current-context"] === from ? { "current-context": to } : {}),
    });
    ctx.out(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

export const deleteContextCommand: Command = {
  name: "delete-context",
  short: "Delete the specified context from the kubeconfig",
  usage: "kubectl config delete-context CONTEXT_NAME [options]",
  async run(ctx) {
    const [name] = ctx.args;
    if (!name) throw new CommandError("Unexpected args: []");
    const config = ctx.kubeconfig;
    if (!config.contexts.some((c) => c.name === name)) throw new CommandError(`cannot delete context ${name}, not in ${ctx.kubeconfigPath}`);
    if (config["current-context"] === name) ctx.err(`warning: this removed your active context, use "kubectl config use-context" to select a different one\n`);
    await ctx.saveKubeconfig({ ...config, contexts: config.contexts.filter((c) => c.name !== name) });
    ctx.out(`deleted context ${name} from ${ctx.kubeconfigPath}\n`);
    return 0;
  },
};

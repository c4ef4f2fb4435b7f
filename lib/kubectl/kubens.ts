import type { Program } from "../terminal/program";
import { KubeApiError } from "./client/kube-api-error";
import { KubeClient } from "./client/kube-client";
import { contextNamespace, currentContext, writeKubeconfig } from "./kubeconfig/kubeconfig";
import type { KubectlDeps } from "./kubectl-deps";
import { failure, highlight, loadKubeconfig, readState, success, writeState } from "./kubectx";

/** `kubens` lists namespaces marking the current one; `kubens NAME` switches the context's namespace; `-` goes back. */
export function kubensProgram(deps: KubectlDeps): Program {
  return async (io) => {
    const [arg, ...rest] = io.argv.slice(1);
    const { path, config } = await loadKubeconfig(io);
    const context = currentContext(config);
    const current = contextNamespace(config);
    if (arg === "-h" || arg === "--help") {
      io.stdout.write("USAGE:\n  kubens                    : list the namespaces in the current context\n  kubens <NAME>             : change the active namespace of current context\n  kubens -                  : switch to the previous namespace in this context\n  kubens -c, --current      : show the current namespace\n");
      return 0;
    }
    if (rest.length > 0) return failure(io, "too many arguments");
    if (!context) return failure(io, "current-context is not set");
    if (arg === "-c" || arg === "--current") {
      io.stdout.write(`${current}\n`);
      return 0;
    }
    const client = new KubeClient(deps, io.signal);
    if (arg === undefined) {
      try {
        const list = await client.list("/api/v1/namespaces");
        for (const name of list.items.map((n) => n.metadata?.name ?? "").sort()) io.stdout.write(`${name === current ? highlight(io, name) : name}\n`);
        return 0;
      } catch (error) {
        if (error instanceof KubeApiError) return failure(io, error.message);
        throw error;
      }
    }
    const stateFile = `${io.env.get("HOME") ?? ""}/.kube/kubens/${context.name}`;
    const target = arg === "-" ? await readState(io, stateFile) : arg;
    if (!target) return failure(io, "No previous namespace found for current context.");
    try {
      await client.get(`/api/v1/namespaces/${encodeURIComponent(target)}`);
    } catch (error) {
      // A learner may not read namespaces they cannot list; only a definite 404 stops the switch.
      if (error instanceof KubeApiError && error.code === 404) return failure(io, `no namespace exists with name "${target}"`);
      if (!(error instanceof KubeApiError)) throw error;
    }
    const contexts = config.contexts.map((c) => (c.name === context.name ? { ...c, context: { ...c.context, namespace: target } } : c));
    await writeKubeconfig(io, path, { ...config, contexts });
    if (current !== target) await writeState(io, stateFile, current);
    success(io, `Active namespace is "${target}"`);
    return 0;
  };
}

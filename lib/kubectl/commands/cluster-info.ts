import type { Command } from "../command";

type Service = { metadata?: { name?: string; labels?: Record<string, string> }; spec?: { ports?: { name?: string; port?: number }[] }; status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } };

export const clusterInfoCommand: Command = {
  name: "cluster-info",
  short: "Display cluster information",
  usage: "kubectl cluster-info [flags] [options]",
  async run(ctx) {
    // Colours only on a terminal, as kubectl's go-colortext use.
    const colour = (code: number, text: string) => (ctx.io.tty ? `\x1b[0;${code}m${text}\x1b[0m` : text);
    const line = (name: string, url: string) => ctx.out(`${colour(32, name)} is running at ${colour(33, url)}\n`);
    const server = ctx.deps.serverUrl.replace(/\/$/, "");
    // kubectl prints the control plane inside its visit of kube-system's services: a user who may not list them
    // sees only the closing hint, then the error.
    type Outcome = { list?: { items: Service[] }; failure?: Error };
    const { list, failure } = await ctx.client.list("/api/v1/namespaces/kube-system/services", { labelSelector: "kubernetes.io/cluster-service=true" }).then(
      (items): Outcome => ({ list: items }),
      (error: unknown): Outcome => ({ failure: error as Error }),
    );
    if (list) line("Kubernetes control plane", server);
    for (const service of list?.items ?? []) {
      const name = service.metadata?.labels?.["kubernetes.io/name"] ?? service.metadata?.name ?? "";
      const ingress = service.status?.loadBalancer?.ingress?.[0];
      const port = service.spec?.ports?.[0];
      if (ingress && (ingress.ip || ingress.hostname)) {
        line(name, `http://${ingress.ip || ingress.hostname}:${port?.port ?? 80}`);
        continue;
      }
      const portPart = port?.name ? `:${port.name}` : "";
      line(name, `${server}/api/v1/namespaces/kube-system/services/${service.metadata?.name ?? ""}${portPart}/proxy`);
    }
    ctx.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    if (failure) throw failure;
    return 0;
  },
};

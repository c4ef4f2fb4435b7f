import type { Kubeconfig, NamedContext } from "./kubeconfig";

/**
 * A kubeconfig as clientcmd serialises it: empty lists as null, `preferences` dropped when empty, each context
 * with `cluster` and `user` (even empty) and `namespace` only when set. Keys are sorted by the YAML printer.
 */
export function serializableKubeconfig(config: Kubeconfig): Record<string, unknown> {
  const list = <T>(items: T[]) => (items.length === 0 ? null : items);
  const preferences = config.preferences && Object.keys(config.preferences).length > 0 ? { preferences: config.preferences } : {};
  return {
    apiVersion: config.apiVersion ?? "v1",
    clusters: list(config.clusters),
    contexts: list(config.contexts.map(normalizeContext)),
    "current-context": config["current-context"] ?? "",
    kind: config.kind ?? "Config",
    ...preferences,
    users: list(config.users),
  };
}

function normalizeContext(entry: NamedContext): NamedContext {
  const { cluster, user, namespace, ...rest } = entry.context;
  return { name: entry.name, context: { ...rest, cluster: cluster ?? "", user: user ?? "", ...(namespace ? { namespace } : {}) } };
}

/** `config view` without --raw: certificate data omitted, secrets redacted. */
export function redactKubeconfig(config: Kubeconfig): Kubeconfig {
  const omit = (value: unknown) => (typeof value === "string" && value !== "" ? "DATA+OMITTED" : value);
  return {
    ...config,
    clusters: config.clusters.map((c) => ({ ...c, cluster: { ...c.cluster, ...("certificate-authority-data" in c.cluster ? { "certificate-authority-data": omit(c.cluster["certificate-authority-data"]) } : {}) } })),
    users: config.users.map((u) => {
      const user = { ...u.user };
      for (const key of ["client-certificate-data", "client-key-data"]) if (key in user) user[key] = omit(user[key]);
      for (const key of ["token", "password"]) if (typeof user[key] === "string" && user[key] !== "") user[key] = "REDACTED";
      return { ...u, user };
    }),
  };
}

/** `config view --minify`: only the current context and the cluster and user it names. */
export function minifyKubeconfig(config: Kubeconfig, contextName: string): Kubeconfig {
  const context = config.contexts.find((c) => c.name === contextName);
  return {
    ...config,
    "current-context": contextName,
    contexts: context ? [context] : [],
    clusters: config.clusters.filter((c) => c.name === context?.context.cluster),
    users: config.users.filter((u) => u.name === context?.context.user),
  };
}

import { CommandError, OutputError } from "../errors";
import type { Kubeconfig } from "./kubeconfig";

/** The kubeconfig overrides kubectl takes as global flags (--context, --cluster, --user, -n, --server, --token). */
export type ConfigOverrides = { context: string; cluster: string; user: string; namespace: string; server: string; token: string };

/** `--kubeconfig` naming no file: an error for every command that connects (the `config` commands create it). */
export function missingKubeconfig(path: string): ClientConfig {
  const error = new CommandError(`stat ${path}: no such file or directory`);
  return { namespace: "default", namespaceError: error, connectError: error };
}

/**
 * How clientcmd reads the kubeconfig for one run, as far as the terminal needs it. The terminal's kubectl always
 * talks to the in-process API as the signed-in user, but a kubeconfig that real kubectl could not use must fail
 * the same way: a missing context, cluster or user is a mistake learners make and must see.
 *
 * - `namespaceError`: what reading the namespace throws (no -n): clientcmd's ConfirmUsable.
 * - `connectError`: what the first request throws (clientcmd's ClientConfig, then connecting).
 * - `prompt`: real kubectl asks for a username (and reads EOF from a non-terminal stdin) when the context's user
 *   does not exist and the server is https.
 */
export type ClientConfig = {
  namespace: string;
  /** The API server's URL as the kubeconfig names it (what `-v=6` logs). */
  server?: string;
  namespaceError?: Error;
  connectError?: Error;
  prompt?: string;
};

/** Where client-go connects when no cluster gives a server (clientcmd.ClusterDefaults). */
const defaultServer = "http://localhost:8080";

export function resolveClientConfig(config: Kubeconfig, overrides: ConfigOverrides): ClientConfig {
  const contextName = overrides.context || config["current-context"] || "";
  const context = config.contexts.find((c) => c.name === contextName)?.context;
  const clusterName = overrides.cluster || context?.cluster || "";
  const cluster = config.clusters.find((c) => c.name === clusterName)?.cluster;
  const userName = overrides.user || context?.user || "";
  const user = config.users.find((u) => u.name === userName);

  let namespaceError: Error | undefined;
  if (contextName && !context) namespaceError = new OutputError(`Error in configuration: context was not found for specified context: ${contextName}`);
  else if (overrides.cluster && !cluster) namespaceError = new CommandError(`no server found for cluster "${overrides.cluster}"`);
  const namespace = overrides.namespace || context?.namespace || "default";

  const result: ClientConfig = { namespace, ...(namespaceError ? { namespaceError } : {}) };
  // Most commands read the namespace before their first request, so the configuration error comes first.
  if (namespaceError && !overrides.namespace) return { ...result, connectError: namespaceError };
  if (overrides.user && !user) return { ...result, connectError: new CommandError(`auth info "${overrides.user}" does not exist`) };
  if (overrides.context && !context) return { ...result, connectError: new CommandError(`context "${overrides.context}" does not exist`) };
  if (overrides.cluster && !cluster) return { ...result, connectError: new CommandError(`cluster "${overrides.cluster}" does not exist`) };
  const server = overrides.server || (typeof cluster?.server === "string" ? cluster.server : "") || defaultServer;
  if (server === defaultServer) return { ...result, connectError: connectionRefused(server) };
  result.server = server;
  // No credentials at all over TLS: clientcmd prompts for basic auth, and stdin gives EOF.
  if (!user && !overrides.token && server.startsWith("https://")) {
    return { ...result, connectError: new OutputError("error: EOF"), prompt: "Please enter Username: " };
  }
  return result;
}

function connectionRefused(server: string): Error {
  const host = server.replace(/^\w+:\/\//, "").replace(/\/.*$/, "");
  return new OutputError(`The connection to the server ${host} was refused - did you specify the right host or port?`);
}

import { parse, stringify } from "yaml";
import type { VirtualFs } from "@/lib/terminal/virtual-fs";

/**
 * The kubeconfig a terminal starts with: the API server as downloaded kubeconfigs name it, the learner's e-mail
 * as the user, and a context pointing at their namespace. It carries no token: the terminal's kubectl talks to
 * the API in-process as the signed-in user, so there is nothing here worth stealing.
 */
export function terminalKubeconfig(input: { serverUrl: string; email: string; namespace: string }): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubeclass", cluster: { server: input.serverUrl } }],
    users: [{ name: input.email, user: {} }],
    contexts: [{ name: "kubeclass", context: { cluster: "kubeclass", user: input.email, namespace: input.namespace } }],
    "current-context": "kubeclass",
    preferences: {},
  });
}

/** Writes ~/.kube/config (creating the home and ~/.kube) unless the file is already there: a learner's edits stay. */
export async function ensureTerminalHome(fs: VirtualFs, home: string, kubeconfig: () => Promise<string>): Promise<void> {
  const path = `${home}/.kube/config`;
  if (await fs.stat(path)) return;
  await fs.mkdir(`${home}/.kube`, { parents: true });
  await fs.writeFile(path, await kubeconfig());
}

/**
 * Points the platform's `kubeclass` context at the learner's namespace when it still says "default": the file
 * was written before they joined a classroom (learners can do nothing in "default"). Any other namespace is the
 * learner's own choice and stays.
 */
export async function adoptLearnerNamespace(fs: VirtualFs, path: string, namespace: string): Promise<boolean> {
  if (namespace === "default") return false;
  let doc: unknown;
  try {
    doc = parse(await fs.readFile(path));
  } catch {
    return false;
  }
  const contexts = (doc as { contexts?: unknown } | null)?.contexts;
  if (!Array.isArray(contexts)) return false;
  const entry = contexts.find((c): c is { name: string; context: Record<string, unknown> } => !!c && typeof c === "object" && (c as { name?: unknown }).name === "kubeclass" && typeof (c as { context?: unknown }).context === "object");
  const current = entry?.context.namespace;
  if (!entry || (current !== undefined && current !== "default")) return false;
  entry.context.namespace = namespace;
  await fs.writeFile(path, stringify(doc));
  return true;
}

/** The namespace of the kubeconfig's current context, as kubectl would use it ("default" when it names none). */
export async function currentNamespace(fs: VirtualFs, path: string): Promise<string | undefined> {
  let doc: unknown;
  try {
    doc = parse(await fs.readFile(path));
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== "object") return undefined;
  const config = doc as { "current-context"?: unknown; contexts?: unknown };
  const name = config["current-context"];
  if (typeof name !== "string" || !Array.isArray(config.contexts)) return undefined;
  const entry = (config.contexts as unknown[]).find((c): c is { name: string; context?: { namespace?: unknown } } => !!c && typeof c === "object" && (c as { name?: unknown }).name === name);
  if (!entry) return undefined;
  const namespace = entry.context?.namespace;
  return typeof namespace === "string" && namespace !== "" ? namespace : "default";
}

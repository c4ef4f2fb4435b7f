import { parse } from "yaml";
import { dirname, resolvePath } from "../../terminal/paths";
import type { ProgramContext } from "../../terminal/program";
import { FsError } from "../../terminal/virtual-fs";
import { CommandError } from "../errors";
import { toYaml } from "../printers/yaml";
import { serializableKubeconfig } from "./normalize-kubeconfig";

export type NamedCluster = { name: string; cluster: Record<string, unknown> & { server?: string } };
export type NamedUser = { name: string; user: Record<string, unknown> };
export type NamedContext = { name: string; context: { cluster?: string; user?: string; namespace?: string; [k: string]: unknown } };

/** clientcmd's v1 Config, the fields kubectl reads and writes; unknown fields survive a rewrite. */
export type Kubeconfig = {
  apiVersion?: string;
  kind?: string;
  clusters: NamedCluster[];
  users: NamedUser[];
  contexts: NamedContext[];
  "current-context"?: string;
  preferences?: Record<string, unknown>;
  [key: string]: unknown;
};

/** The file a run reads: --kubeconfig, else the first entry of $KUBECONFIG, else $HOME/.kube/config. */
export function kubeconfigPath(ctx: Pick<ProgramContext, "env">, flag?: string): string {
  if (flag) return flag;
  const fromEnv = ctx.env.get("KUBECONFIG")?.split(":").find((p) => p !== "");
  if (fromEnv) return fromEnv;
  return `${ctx.env.get("HOME") ?? "/"}/.kube/config`.replace(/^\/\//, "/");
}

export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: "v1", kind: "Config", clusters: [], users: [], contexts: [], preferences: {} };
}

/** `--kubeconfig team.kubeconfig` names a file in the working directory; messages keep the path as given. */
const onDisk = (ctx: Pick<ProgramContext, "cwd">, path: string): string => resolvePath(ctx.cwd, path);

/** A missing file is an empty config, as with real kubectl; a malformed one is an error. */
export async function readKubeconfig(ctx: Pick<ProgramContext, "fs" | "cwd">, path: string): Promise<Kubeconfig> {
  let text: string;
  try {
    text = await ctx.fs.readFile(onDisk(ctx, path));
  } catch (error) {
    if (error instanceof FsError && error.code === "ENOENT") return emptyKubeconfig();
    throw error;
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new CommandError(`error loading config file "${path}": ${(error as Error).message.split("\n")[0] ?? ""}`);
  }
  const config = (raw && typeof raw === "object" ? raw : {}) as Partial<Kubeconfig>;
  return { ...emptyKubeconfig(), ...config, clusters: config.clusters ?? [], users: config.users ?? [], contexts: config.contexts ?? [] };
}

export async function writeKubeconfig(ctx: Pick<ProgramContext, "fs" | "cwd">, path: string, config: Kubeconfig): Promise<void> {
  const file = onDisk(ctx, path);
  await ctx.fs.mkdir(dirname(file), { parents: true });
  await ctx.fs.writeFile(file, toYaml(serializableKubeconfig(config)));
}

export function currentContext(config: Kubeconfig, override?: string): NamedContext | undefined {
  const name = override || config["current-context"];
  return config.contexts.find((c) => c.name === name);
}

/** The namespace a command works in: -n, else the context's, else "default". */
export function contextNamespace(config: Kubeconfig, contextOverride?: string): string {
  return currentContext(config, contextOverride)?.context.namespace || "default";
}

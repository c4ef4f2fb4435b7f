import type { Program, ProgramContext } from "../terminal/program";
import { currentContext, kubeconfigPath, readKubeconfig, writeKubeconfig, type Kubeconfig } from "./kubeconfig/kubeconfig";
import type { KubectlDeps } from "./kubectl-deps";

// kubectx/kubens (ahmetb) print the current item highlighted and confirmations with a green tick on stderr.
export const highlight = (io: ProgramContext, text: string) => (io.tty ? `\x1b[1;33m${text}\x1b[0m` : text);
export const success = (io: ProgramContext, text: string) => io.stderr.write(`${io.tty ? "\x1b[32m✔\x1b[0m" : "✔"} ${text}\n`);
export const failure = (io: ProgramContext, text: string) => (io.stderr.write(`${io.tty ? "\x1b[31merror:\x1b[0m" : "error:"} ${text}\n`), 1);

/** The kubeconfig plus where the previous context/namespace is kept, as kubectx keeps ~/.kube/kubectx. */
export async function loadKubeconfig(io: ProgramContext): Promise<{ path: string; config: Kubeconfig }> {
  const path = kubeconfigPath(io);
  return { path, config: await readKubeconfig(io, path) };
}

export async function readState(io: ProgramContext, file: string): Promise<string> {
  try {
    return (await io.fs.readFile(file)).trim();
  } catch {
    return "";
  }
}

export async function writeState(io: ProgramContext, file: string, value: string): Promise<void> {
  await io.fs.mkdir(file.slice(0, file.lastIndexOf("/")), { parents: true });
  await io.fs.writeFile(file, `${value}\n`);
}

/** `kubectx` lists contexts; `kubectx NAME` switches; `-` goes back; `-c` prints the current one. */
export function kubectxProgram(_deps: KubectlDeps): Program {
  return async (io) => {
    const [arg, ...rest] = io.argv.slice(1);
    const { path, config } = await loadKubeconfig(io);
    const current = config["current-context"] ?? "";
    const stateFile = `${io.env.get("HOME") ?? ""}/.kube/kubectx`;
    if (arg === "-h" || arg === "--help") {
      io.stdout.write("USAGE:\n  kubectx                       : list the contexts\n  kubectx <NAME>                : switch to context <NAME>\n  kubectx -                     : switch to the previous context\n  kubectx -c, --current         : show the current context name\n");
      return 0;
    }
    if (rest.length > 0) return failure(io, "too many arguments");
    if (arg === undefined) {
      const names = config.contexts.map((c) => c.name).sort();
      for (const name of names) io.stdout.write(`${name === current ? highlight(io, name) : name}\n`);
      return 0;
    }
    if (arg === "-c" || arg === "--current") {
      if (!current) return failure(io, "current-context is not set");
      io.stdout.write(`${current}\n`);
      return 0;
    }
    const target = arg === "-" ? await readState(io, stateFile) : arg;
    if (!target) return failure(io, "no previous context found");
    if (!config.contexts.some((c) => c.name === target)) return failure(io, `no context exists with the name: "${target}"`);
    await writeKubeconfig(io, path, { ...config, "current-context": target });
    if (current) await writeState(io, stateFile, current);
    success(io, `Switched to context "${target}".`);
    return 0;
  };
}

export { currentContext };

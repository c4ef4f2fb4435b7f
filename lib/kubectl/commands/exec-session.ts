import type { ExecSnapshot } from "../../cluster/api/rest/pod-exec";
import type { ResourceId } from "../../cluster/controllers/runtime/resource-id";
import { containerView, imageFamily, type ContainerView, type ViewSource } from "../../cluster/sandbox/container-view";
import { execArgv, openShell, type ExecResult } from "../../cluster/sandbox/exec-shell";
import { readAll, type ProgramContext } from "../../terminal/program";

// The terminal's side of `kubectl exec`: the API server authorises pods/exec and hands back a snapshot of what
// the container sees; the simulated shell runs here, in-process, like the WebSocket adapter does for real kubectl.

function snapshotSource(objects: ExecSnapshot["objects"]): ViewSource {
  const of = (resource: ResourceId) => objects[resource.plural] ?? [];
  return {
    get: (resource, namespace, name) => of(resource).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (resource, namespace) => of(resource).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}

// CSI sequences (arrows, function keys) and two-byte escapes.
const escapeSequence = new RegExp(String.raw`\x1b\[[0-9;]*[A-Za-z~]|\x1b.`, "g");

const isShell = (command: string[]) => command.length === 1 && ["sh", "bash", "ash"].includes((command[0] ?? "").split("/").pop() ?? "");

/** Runs the exec session; resolves to the command's exit code. */
export async function runExec(io: ProgramContext, snapshot: ExecSnapshot, options: { stdin: boolean; tty: boolean }): Promise<number> {
  const source = snapshotSource(snapshot.objects);
  const view = containerView(source, snapshot.pod, snapshot.container, snapshot.run, undefined, snapshot.volumes);
  if (!view) return 1;
  const now = () => io.now().getTime();
  const output = (result: ExecResult) => {
    io.stdout.write(result.stdout);
    (options.tty ? io.stdout : io.stderr).write(result.stderr);
  };
  let code: number;
  if (options.stdin && options.tty && io.tty && isShell(snapshot.command)) code = await interactiveShell(io, source, view, output);
  else if (options.stdin && isShell(snapshot.command)) {
    const shell = openShell(source, view, now);
    for (const line of (await readAll(io.stdin)).split("\n")) {
      if (shell.state.exited !== undefined) break;
      output(shell.run(line));
    }
    code = shell.state.exited ?? shell.state.lastExit;
  } else {
    const result = execArgv(source, view, snapshot.command, now, options.stdin ? await readAll(io.stdin) : "");
    output(result);
    code = result.exitCode;
  }
  // What the session wrote to the container's files is kept, as the exec adapter does.
  await snapshot.commit(view.written).catch(() => undefined);
  return code;
}

/** `exec -it … sh`: a prompt, printable keys echoed, backspace, Enter, Ctrl-C (new line), Ctrl-D / `exit` to leave. */
async function interactiveShell(io: ProgramContext, source: ViewSource, view: ContainerView, output: (r: ExecResult) => void): Promise<number> {
  const shell = openShell(source, view, () => io.now().getTime());
  const family = imageFamily(view.imageRef);
  const prompt = () => io.stdout.write(family === "busybox" || family === "alpine" ? `${shell.state.cwd} # ` : `root@${view.pod.metadata.name ?? ""}:${shell.state.cwd}# `);
  let pending = "";
  prompt();
  for await (const chunk of io.tty!.keys) {
    // Escape sequences (arrows, function keys) have no meaning in this minimal line editor.
    for (const char of chunk.replace(escapeSequence, "")) {
      if (char === "\u0004") {
        if (pending === "") {
          io.stdout.write("exit\n");
          return shell.state.lastExit;
        }
      } else if (char === "\u0003") {
        pending = "";
        io.stdout.write("^C\n");
        prompt();
      } else if (char === "\u007f" || char === "\b") {
        if (pending !== "") io.stdout.write("\b \b");
        pending = pending.slice(0, -1);
      } else if (char === "\r" || char === "\n") {
        io.stdout.write("\n");
        const line = pending;
        pending = "";
        output(shell.run(line));
        if (shell.state.exited !== undefined) return shell.state.exited;
        prompt();
      } else if (char >= " ") {
        pending += char;
        io.stdout.write(char);
      }
    }
    if (io.signal.aborted) break;
  }
  return shell.state.lastExit;
}

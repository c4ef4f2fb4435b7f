import type { WebSocket } from "ws";
import type { ExecSnapshot } from "@/lib/cluster/api/rest/pod-exec";
import type { ResourceId } from "@/lib/cluster/controllers/runtime/resource-id";
import { containerView, imageFamily, type ViewSource } from "@/lib/cluster/sandbox/container-view";
import { execArgv, openShell, type ExecResult } from "@/lib/cluster/sandbox/exec-shell";

// One exec stream over the channel.k8s.io framing: each binary message starts with its channel (0 stdin,
// 1 stdout, 2 stderr, 3 the final metav1.Status, 4 terminal resize, 255 close of a channel in v5).

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

function snapshotSource(objects: ExecSnapshot["objects"]): ViewSource {
  const of = (resource: ResourceId) => objects[resource.plural] ?? [];
  return {
    get: (resource, namespace, name) => of(resource).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (resource, namespace) => of(resource).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}

/** The final status: kubectl turns NonZeroExitCode into `command terminated with exit code N` and exits with N. */
export function exitStatus(command: string[], exitCode: number): object {
  if (exitCode === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${exitCode}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(exitCode) }] },
  };
}

export function runExecSession(ws: WebSocket, snapshot: ExecSnapshot, now: () => number): void {
  const source = snapshotSource(snapshot.objects);
  const view = containerView(source, snapshot.pod, snapshot.container, snapshot.run, undefined, snapshot.volumes);
  const send = (channel: number, text: string) => {
    if (text !== "" && ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(snapshot.tty ? text.replace(/\r?\n/g, "\r\n") : text)]));
  };
  let finished = false;
  const finish = (exitCode: number) => {
    if (finished) return;
    finished = true;
    // What the session wrote to the container's files is kept before kubectl hears the command ended.
    void snapshot
      .commit(view?.written ?? [])
      .catch(() => undefined)
      .then(() => {
        if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([ERROR]), Buffer.from(JSON.stringify(exitStatus(snapshot.command, exitCode)))]));
        ws.close(1000);
      });
  };
  const output = (result: ExecResult) => {
    send(STDOUT, result.stdout);
    // With a terminal, stderr is the same stream as stdout.
    send(snapshot.tty ? STDOUT : STDERR, result.stderr);
  };
  if (!view) return finish(1);
  const program = (snapshot.command[0] ?? "").split("/").pop() ?? "";
  const isShell = ["sh", "bash", "ash"].includes(program) && snapshot.command.length === 1;
  if (!snapshot.stdin) {
    const result = execArgv(source, view, snapshot.command, now);
    output(result);
    return finish(result.exitCode);
  }
  const shell = openShell(source, view, now);
  const prompt = () => (snapshot.tty ? send(STDOUT, imageFamily(view.imageRef) === "busybox" || imageFamily(view.imageRef) === "alpine" ? `${shell.state.cwd} # ` : `root@${view.pod.metadata.name ?? ""}:${shell.state.cwd}# `) : undefined);
  let pending = "";
  let collected = "";
  const runShellLine = (line: string) => {
    output(shell.run(line));
    if (shell.state.exited !== undefined) finish(shell.state.exited);
    else prompt();
  };
  const endOfInput = () => {
    if (isShell) {
      if (pending !== "") runShellLine(pending);
      return finish(shell.state.exited ?? shell.state.lastExit);
    }
    const result = execArgv(source, view, snapshot.command, now, collected);
    output(result);
    finish(result.exitCode);
  };
  if (isShell) prompt();
  ws.on("message", (data: Buffer) => {
    if (finished || data.length === 0) return;
    const channel = data[0];
    const payload = data.subarray(1).toString("utf8");
    if (channel === CLOSE && data[1] === STDIN) return endOfInput();
    if (channel !== STDIN) return; // resize and the rest: nothing to do for a simulated terminal
    if (!isShell) {
      collected += payload;
      return;
    }
    for (const char of payload) {
      if (finished) return;
      if (snapshot.tty && char === "\u0004" && pending === "") return finish(shell.state.lastExit);
      if (snapshot.tty && char === "\u0003") {
        pending = "";
        send(STDOUT, "^C\n");
        prompt();
      } else if (snapshot.tty && (char === "\u007f" || char === "\b")) {
        if (pending !== "") send(STDOUT, "\b \b");
        pending = pending.slice(0, -1);
      } else if (char === "\r" || char === "\n") {
        if (snapshot.tty) send(STDOUT, "\n");
        const line = pending;
        pending = "";
        runShellLine(line);
      } else {
        pending += char;
        if (snapshot.tty) send(STDOUT, char);
      }
    }
  });
  ws.on("close", () => (finished = true));
}

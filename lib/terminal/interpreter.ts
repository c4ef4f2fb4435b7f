import { expandString, expandWords, type ExpandContext } from "./expand-word";
import { resolvePath } from "./paths";
import type { InputStream, OutputStream, ProgramContext } from "./program";
import { textInput } from "./program";
import { parseShell } from "./shell-parser";
import type { Shell } from "./shell";
import { describeError, type ShellIo } from "./shell-io";
import type { AndOrList, Compound, Pipeline, Redirect, Script, SimpleCommand } from "./shell-syntax";
import { FileSink, nullOutput, Pipe, TextSink } from "./streams";
import { FsError } from "./virtual-fs";

const MAX_SUBSHELL_DEPTH = 64;

/** Runs a parsed script: lists in order, `&&`/`||` by exit status. Returns the last status (also `$?`). */
export async function runScript(shell: Shell, script: Script, io: ShellIo): Promise<number> {
  for (const list of script) {
    if (io.signal.aborted || shell.exitRequested) break;
    await runAndOr(shell, list, io);
  }
  return shell.status;
}

async function runAndOr(shell: Shell, list: AndOrList, io: ShellIo): Promise<void> {
  shell.status = await runPipeline(shell, list.first, io);
  for (const { op, pipeline } of list.rest) {
    if (io.signal.aborted || shell.exitRequested) return;
    if ((op === "&&") === (shell.status === 0)) shell.status = await runPipeline(shell, pipeline, io);
  }
}

/** Runs every stage at once, joined by streaming pipes; the status is the last stage's. */
async function runPipeline(shell: Shell, pipeline: Pipeline, io: ShellIo): Promise<number> {
  const count = pipeline.commands.length;
  let status: number;
  if (count === 1) {
    status = await runCommand(shell, pipeline.commands[0]!, io);
  } else {
    const pipes = Array.from({ length: count - 1 }, () => new Pipe());
    const stages = pipeline.commands.map(async (command, index) => {
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      io.signal.addEventListener("abort", onAbort, { once: true });
      const output = pipes[index];
      if (output) output.onReaderGone = () => controller.abort();
      const input = pipes[index - 1];
      try {
        // Each stage runs in a copy of the shell, as bash runs pipeline members in subshells.
        return await runCommand(shell.subshell(), command, {
          stdin: input ?? io.stdin,
          stdout: output ?? io.stdout,
          stderr: io.stderr,
          tty: output ? undefined : io.tty,
          signal: controller.signal,
        });
      } finally {
        io.signal.removeEventListener("abort", onAbort);
        output?.close();
        input?.abandon();
      }
    });
    const statuses = await Promise.all(stages);
    status = statuses[count - 1]!;
  }
  if (io.signal.aborted) status = 130;
  return pipeline.negated ? (status === 0 ? 1 : 0) : status;
}

export function expandContext(shell: Shell, signal: AbortSignal, stderr: OutputStream): ExpandContext {
  return {
    lookup: (name) => shell.lookup(name),
    home: shell.home,
    cwd: shell.cwd,
    fs: shell.fs,
    substitute: async (source) => {
      if (shell.depth >= MAX_SUBSHELL_DEPTH) {
        stderr.write("-bash: command substitution: nested too deeply\n");
        return "";
      }
      const parsed = parseShell(source);
      if (!parsed.ok) {
        stderr.write(parsed.message + "\n");
        return "";
      }
      const out = new TextSink();
      const sub = shell.subshell();
      await runScript(sub, parsed.script, { stdin: textInput(""), stdout: out, stderr, signal });
      shell.status = sub.status;
      return out.text;
    },
  };
}

async function runCommand(shell: Shell, command: SimpleCommand, io: ShellIo): Promise<number> {
  const context = expandContext(shell, io.signal, io.stderr);
  let argv = await expandWords(command.words, context);
  const assigned: [string, string][] = [];
  for (const { name, value } of command.assignments) assigned.push([name, await expandString(value, context)]);
  argv = await shell.expandAliases(argv, context);

  const opened = await openRedirects(shell, command.redirects, io, context);
  if ("error" in opened) {
    io.stderr.write(`-bash: ${opened.error}\n`);
    return 1;
  }
  let status: number;
  if (command.compound) {
    status = await runCompound(shell, command.compound, opened.io);
  } else if (argv.length === 0) {
    for (const [name, value] of assigned) shell.env.set(name, value);
    status = shell.status;
  } else {
    const env = new Map(shell.env);
    for (const [name, value] of assigned) env.set(name, value);
    status = await runProgram(shell, argv, env, opened.io);
  }
  for (const sink of opened.sinks) {
    try {
      await sink.sink.finish();
    } catch (error) {
      io.stderr.write(`-bash: ${sink.name}: ${error instanceof FsError ? error.message : describeError(error)}\n`);
      status = 1;
    }
  }
  return status;
}

/** Runs one program by name with ready argv (xargs, watch-like callers): no expansion, no aliases. */
export function runArgv(shell: Shell, argv: string[], io: ShellIo): Promise<number> {
  return runProgram(shell, argv, new Map(shell.env), io);
}

/** Lets timers and terminal input (Ctrl-C) in between loop iterations: `while true; do …; done` must stay stoppable. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function runCompound(shell: Shell, compound: Compound, io: ShellIo): Promise<number> {
  const stopped = () => io.signal.aborted || shell.exitRequested;
  if (compound.kind === "if") {
    for (const branch of compound.branches) {
      if ((await runScript(shell, branch.condition, io)) === 0) return runScript(shell, branch.body, io);
      if (stopped()) return shell.status;
    }
    return compound.otherwise ? runScript(shell, compound.otherwise, io) : 0;
  }
  let status = 0;
  if (compound.kind === "for") {
    for (const item of await expandWords(compound.words, expandContext(shell, io.signal, io.stderr))) {
      if (stopped()) break;
      shell.env.set(compound.name, item);
      status = await runScript(shell, compound.body, io);
      await yieldToEventLoop();
    }
    return status;
  }
  while (!stopped()) {
    const condition = await runScript(shell, compound.condition, io);
    if ((condition === 0) === compound.until || stopped()) break;
    status = await runScript(shell, compound.body, io);
    await yieldToEventLoop();
  }
  return status;
}

async function runProgram(shell: Shell, argv: string[], env: Map<string, string>, io: ShellIo): Promise<number> {
  const name = argv[0]!;
  const found = shell.findCommand(name);
  if (!found) {
    io.stderr.write(`${name.includes("/") ? `-bash: ${name}: No such file or directory` : `-bash: ${name}: command not found`}\n`);
    return 127;
  }
  const ctx: ProgramContext = {
    argv,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    env,
    cwd: shell.cwd,
    fs: shell.fs,
    signal: io.signal,
    tty: io.tty,
    now: () => shell.now(),
  };
  try {
    const status: unknown = await found.run(ctx, shell);
    // Exit statuses are bytes; a program returning something else counts as success or failure by truthiness.
    return typeof status === "number" && Number.isFinite(status) ? status & 255 : status ? 1 : 0;
  } catch (error) {
    if (io.signal.aborted) return 130;
    io.stderr.write(`${name}: ${describeError(error)}\n`);
    return 1;
  }
}

type Opened = { io: ShellIo; sinks: { name: string; sink: FileSink }[] };

/** Applies redirections left to right; a file that cannot be opened stops the command, as in bash. */
async function openRedirects(shell: Shell, redirects: Redirect[], io: ShellIo, context: ExpandContext): Promise<Opened | { error: string }> {
  const fds: [InputStream, OutputStream, OutputStream] = [io.stdin, io.stdout, io.stderr];
  let tty = io.tty;
  const sinks: Opened["sinks"] = [];
  for (const redirect of redirects) {
    if (redirect.op === "heredoc") {
      fds[0] = textInput(await expandString(redirect.body, context));
      continue;
    }
    if (redirect.op === "dup") {
      if (redirect.fd === 1 || redirect.fd === 2) {
        if (redirect.to === 1 || redirect.to === 2) fds[redirect.fd] = fds[redirect.to];
        else return { error: `${redirect.to}: Bad file descriptor` };
        if (redirect.fd === 1) tty = redirect.to === 1 ? tty : undefined;
      }
      continue;
    }
    const name = await expandString(redirect.target, context);
    if (name === "") return { error: ": No such file or directory" };
    if (name === "/dev/null") {
      if (redirect.op === "<") fds[0] = textInput("");
      else if (redirect.fd === 1 || redirect.fd === 2) fds[redirect.fd] = nullOutput;
      if (redirect.fd === 1 && redirect.op !== "<") tty = undefined;
      continue;
    }
    const path = resolvePath(shell.cwd, name, shell.home);
    try {
      if (redirect.op === "<") {
        fds[0] = textInput(await shell.fs.readFile(path));
        continue;
      }
      const stat = await shell.fs.stat(path);
      if (stat?.kind === "dir") return { error: `${name}: Is a directory` };
      if (redirect.op === ">" || !stat) await shell.fs.writeFile(path, "");
      const sink = new FileSink(shell.fs, path);
      sinks.push({ name, sink });
      if (redirect.fd === 1 || redirect.fd === 2) fds[redirect.fd] = sink;
      if (redirect.fd === 1) tty = undefined;
    } catch (error) {
      return { error: `${name}: ${error instanceof FsError ? error.message : describeError(error)}` };
    }
  }
  return { io: { stdin: fds[0], stdout: fds[1], stderr: fds[2], tty, signal: io.signal }, sinks };
}

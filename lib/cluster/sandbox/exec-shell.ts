import type { ContainerView, ViewSource } from "./container-view";
import { runCommand, type ShellState } from "./exec-commands";
import type { Output } from "./exec-network";

// A small POSIX-ish shell over a container view: quoting, $VAR expansion, `;` `&&` `||` and pipes. Enough for
// what the book and the labs type after `kubectl exec`; pure (the clock comes in as `now`).

export type ExecResult = Output;
export type ShellSession = { state: ShellState; run(line: string): ExecResult };

type Token = { op: ";" | "&&" | "||" | "|" } | { word: string };

/** Splits a command line into words and operators, expanding variables outside single quotes. */
export function tokenize(line: string, env: Map<string, string>, lastExit = 0): Token[] | { error: string } {
  const tokens: Token[] = [];
  let word: string | undefined;
  const push = (text: string) => (word = (word ?? "") + text);
  const variable = (text: string): [string, number] => {
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text);
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(text);
    const match = braced ?? plain;
    if (!match) return ["$", 1];
    return [match[1] === "?" ? String(lastExit) : (env.get(match[1]!) ?? ""), match[0].length];
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) return { error: `sh: syntax error: unterminated quoted string` };
      let text = line.slice(i + 1, end);
      if (c === '"') text = text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\?/g, (m) => variable(m)[0]).replace(/\\(["\\$])/g, "$1");
      push(text);
      i = end + 1;
    } else if (c === "\\" && i + 1 < line.length) {
      push(line[i + 1]!);
      i += 2;
    } else if (c === "$") {
      const [value, length] = variable(line.slice(i));
      push(value);
      i += length;
    } else if (c === "\n") {
      if (word !== undefined) tokens.push({ word });
      word = undefined;
      tokens.push({ op: ";" });
      i++;
    } else if (/\s/.test(c)) {
      if (word !== undefined) tokens.push({ word });
      word = undefined;
      i++;
    } else if (c === ";" || c === "|" || c === "&") {
      if (word !== undefined) tokens.push({ word });
      word = undefined;
      const two = line.slice(i, i + 2);
      if (two === "&&" || two === "||") {
        tokens.push({ op: two });
        i += 2;
      } else if (c === "&") {
        i++; // background: run in the foreground, as if waited for
      } else {
        tokens.push({ op: c });
        i++;
      }
    } else if (c === "#" && word === undefined) {
      const newline = line.indexOf("\n", i);
      i = newline < 0 ? line.length : newline;
    } else {
      push(c);
      i++;
    }
  }
  if (word !== undefined) tokens.push({ word });
  return tokens;
}

/** Runs one command line in `state` (which `cd` and `export` change). */
export function runLine(state: ShellState, line: string): ExecResult {
  // Expansion happens per command in a real shell; per line is close enough except after `export` on the same line.
  const tokens = tokenize(line, state.env, state.lastExit);
  if ("error" in tokens) return { stdout: "", stderr: `${tokens.error}\n`, exitCode: 2 };
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  let skip = false;
  let pipeline: string[][] = [[]];
  const flush = () => {
    const argvs = pipeline.filter((argv) => argv.length > 0);
    pipeline = [[]];
    if (skip || argvs.length === 0) return;
    let input = "";
    for (const argv of argvs) {
      const result = runCommand(state, argv, input, runLine);
      input = result.stdout;
      stderr += result.stderr;
      exitCode = result.exitCode;
      if (state.exited !== undefined) break;
    }
    stdout += input;
    state.lastExit = exitCode;
  };
  for (const token of tokens) {
    if (state.exited !== undefined) break;
    if ("word" in token) pipeline.at(-1)!.push(token.word);
    else if (token.op === "|") pipeline.push([]);
    else {
      flush();
      skip = token.op === "&&" ? exitCode !== 0 : token.op === "||" ? exitCode === 0 : false;
    }
  }
  if (state.exited === undefined) flush();
  return { stdout, stderr, exitCode: state.exited ?? exitCode };
}

/** A shell in the container, for one `kubectl exec` (argv) or an interactive session (lines). */
export function openShell(source: ViewSource, view: ContainerView, now: () => number): ShellSession {
  const state: ShellState = { source, view, now, cwd: "/", env: new Map(view.env), lastExit: 0 };
  return { state, run: (line) => runLine(state, line) };
}

/** What `kubectl exec pod -- argv…` prints: argv runs directly (no shell), as the runtime execs it. */
export function execArgv(source: ViewSource, view: ContainerView, argv: string[], now: () => number, stdin = ""): ExecResult {
  const { state } = openShell(source, view, now);
  return runCommand(state, argv, stdin, runLine, true);
}

import type { ContainerView, ViewSource } from "./container-view";
import { resolvePath, runCommand, type ShellState } from "./exec-commands";
import { listDirectory, onReadOnlyMount } from "./exec-files";
import type { Output } from "./exec-network";

// A small POSIX-ish shell over a container view: quoting, $VAR expansion, `;` `&&` `||` and pipes. Enough for
// what the book and the labs type after `kubectl exec`; pure (the clock comes in as `now`).

export type ExecResult = Output;
export type ShellSession = { state: ShellState; run(line: string): ExecResult };

type Redirect = { fd: 1 | 2; append: boolean };
type Token = { op: ";" | "&&" | "||" | "|" } | { word: string } | { redirect: Redirect };

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
    } else if (c === ">") {
      // `>`, `>>`, `2>` (a bare 1 or 2 right before it names the descriptor); `2>&1` comes out as `2>` then `&1`.
      let fd: 1 | 2 = 1;
      if (word === "1" || word === "2") fd = word === "2" ? 2 : 1;
      else if (word !== undefined) tokens.push({ word });
      word = undefined;
      const append = line[i + 1] === ">";
      tokens.push({ redirect: { fd, append } });
      i += append ? 2 : 1;
      if (line.startsWith("&1", i) && fd === 2) {
        tokens.push({ word: "&1" });
        i += 2;
      }
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
  type Command = { argv: string[]; redirects: (Redirect & { target?: string })[] };
  const command = (): Command => ({ argv: [], redirects: [] });
  let pipeline: Command[] = [command()];
  const flush = () => {
    const commands = pipeline.filter((c) => c.argv.length > 0 || c.redirects.length > 0);
    pipeline = [command()];
    if (skip || commands.length === 0) return;
    let input = "";
    for (const { argv, redirects } of commands) {
      const result = argv.length > 0 ? runCommand(state, argv, input, runLine) : { stdout: "", stderr: "", exitCode: 0 };
      const redirected = redirect(state, result, redirects);
      input = redirected.stdout;
      stderr += redirected.stderr;
      exitCode = redirected.exitCode;
      if (state.exited !== undefined) break;
    }
    stdout += input;
    state.lastExit = exitCode;
  };
  for (const token of tokens) {
    if (state.exited !== undefined) break;
    const current = pipeline.at(-1)!;
    const open = current.redirects.at(-1);
    if ("redirect" in token) current.redirects.push({ ...token.redirect });
    else if ("word" in token && open && open.target === undefined) open.target = token.word;
    else if ("word" in token) current.argv.push(token.word);
    else if (token.op === "|") pipeline.push(command());
    else {
      flush();
      skip = token.op === "&&" ? exitCode !== 0 : token.op === "||" ? exitCode === 0 : false;
    }
  }
  if (state.exited === undefined) flush();
  return { stdout, stderr, exitCode: state.exited ?? exitCode };
}

/** Applies a command's redirections: its output goes to files (kept in the view's writes) instead of on. */
function redirect(state: ShellState, result: ExecResult, redirects: (Redirect & { target?: string })[]): ExecResult {
  let { stdout, stderr } = result;
  for (const r of redirects) {
    if (r.target === undefined) return { stdout: "", stderr: `${stderr}sh: syntax error: unexpected newline\n`, exitCode: 2 };
    if (r.fd === 2 && r.target === "&1") {
      stdout += stderr;
      stderr = "";
      continue;
    }
    const text = r.fd === 1 ? stdout : stderr;
    if (r.fd === 1) stdout = "";
    else stderr = "";
    const problem = writeFile(state, r.target, text, r.append);
    if (problem) return { stdout: "", stderr: `${stderr}sh: can't create ${r.target}: ${problem}\n`, exitCode: 1 };
  }
  return { stdout, stderr, exitCode: result.exitCode };
}

/** Writes (or appends to) a file of the container; returns why it cannot, if it cannot. */
function writeFile(state: ShellState, target: string, text: string, append: boolean): string | undefined {
  const path = resolvePath(state.cwd, target);
  if (path === "/dev/null") return undefined;
  const { files, written } = state.view;
  // `ls -d` answers for files too: a directory is what it lists that is not a file.
  const isDirectory = (p: string) => !files.has(p) && listDirectory(state, "d", [p]).stdout !== "";
  if (isDirectory(path)) return "Is a directory";
  if (!isDirectory(path.slice(0, path.lastIndexOf("/")) || "/")) return "nonexistent directory";
  if (onReadOnlyMount(state.view, path)) return "Read-only file system";
  const content = append ? (files.get(path) ?? "") + text : text;
  files.set(path, content);
  written.push({ at: state.now(), path, content });
  return undefined;
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

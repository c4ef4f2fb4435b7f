import { imageFamily, type ContainerView, type ViewSource } from "./container-view";
import { curl, dig, getentHosts, nslookup, ping, wget, type Output } from "./exec-network";
import { parseImage } from "./image-catalog";
import { listDirectory, onReadOnlyMount } from "./exec-files";
import { idOutput, whoamiOutput } from "./exec-identity";

export type ShellState = { source: ViewSource; view: ContainerView; now: () => number; cwd: string; env: Map<string, string>; lastExit: number; exited?: number };
type RunLine = (state: ShellState, line: string) => Output;

const ok = (stdout: string): Output => ({ stdout, stderr: "", exitCode: 0 });
const fail = (stderr: string, exitCode = 1): Output => ({ stdout: "", stderr, exitCode });
const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));
const joined = (list: string[]) => (list.length > 0 ? `${list.join("\n")}\n` : "");

/** Tools an image does not ship (busybox has wget but no curl; Debian-based images have curl but no nslookup). */
function lacks(view: ContainerView, command: string): boolean {
  const family = imageFamily(view.imageRef);
  const repo = parseImage(view.imageRef).repository;
  if (command === "curl") return !(repo.endsWith("/nginx") || repo.endsWith("/curl") || repo.endsWith("/httpd") || repo.endsWith("/node") || repo.endsWith("/python")) || (family === "alpine" && !repo.endsWith("/curl"));
  if (command === "dig") return true;
  if (command === "bash") return family === "busybox" || family === "alpine";
  if (family === "debian" || family === "ubuntu") return ["nslookup", "ping", "wget", "ps"].includes(command);
  return false;
}

export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith("/") ? path : `${cwd}/${path}`).split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

function flagsAndArgs(argv: string[]): { flags: string; args: string[] } {
  const flags = argv.filter((a) => /^-[a-zA-Z]+$/.test(a)).map((a) => a.slice(1)).join("");
  return { flags, args: argv.filter((a) => !/^-[a-zA-Z]+$/.test(a)) };
}

function countArg(argv: string[]): { n: number; rest: string[] } {
  let n = 10;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-n") n = Number(argv[++i] ?? 10);
    else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ""));
    else rest.push(a);
  }
  return { n, rest };
}

function readInput(state: ShellState, files: string[], stdin: string, tool: string): Output {
  if (files.length === 0) return ok(stdin);
  let stdout = "";
  let stderr = "";
  for (const file of files) {
    const content = state.view.files.get(resolvePath(state.cwd, file));
    if (content === undefined) stderr += `${tool}: can't open '${file}': No such file or directory\n`;
    else stdout += content;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function processList(view: ContainerView): string[] {
  const spec = (view.pod.spec as { containers?: { name: string; command?: string[]; args?: string[] }[] } | undefined)?.containers?.find((c) => c.name === view.container);
  const argv = spec?.command?.length ? [...spec.command, ...(spec.args ?? [])] : [...(view.image?.entrypoint ?? ["sh"]), ...(spec?.args ?? [])];
  if (parseImage(view.imageRef).repository.endsWith("/nginx") && !spec?.command?.length) return ["nginx: master process nginx -g daemon off;", "nginx: worker process", "nginx: worker process"];
  return [argv.join(" ")];
}

const clock = (ms: number) => {
  const text = new Date(ms).toUTCString(); // "Thu, 26 Nov 2026 04:10:09 GMT"
  const [day, date, month, year, time] = text.replace(",", "").split(" ");
  return `${day} ${month} ${date} ${time} UTC ${year}`;
};

/** One simple command. `direct` is an exec without a shell: a missing program is the runtime's error. */
export function runCommand(state: ShellState, argv: string[], stdin: string, runLine: RunLine, direct = false): Output {
  const [name = "", ...rest] = argv;
  const command = name.split("/").pop() ?? name;
  const { view, source } = state;
  if (lacks(view, command) || !known.has(command)) {
    if (direct) return fail(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\n`, 127);
    return fail(`sh: ${name}: not found\n`, 127);
  }
  const { flags, args } = flagsAndArgs(rest);
  switch (command) {
    case "sh":
    case "bash":
    case "ash": {
      const script = rest[0] === "-c" ? rest[1] : undefined;
      if (script === undefined) return direct ? ok("") : runLine({ ...state, env: new Map(state.env) }, stdin);
      const sub: ShellState = { ...state, env: new Map(state.env), exited: undefined };
      return runLine(sub, script);
    }
    case "cat":
      return readInput(state, args, stdin, "cat");
    case "ls":
      return listDirectory(state, flags, args);
    case "echo": {
      const noNewline = rest[0] === "-n";
      return ok(`${(noNewline ? rest.slice(1) : rest).join(" ")}${noNewline ? "" : "\n"}`);
    }
    case "printf":
      return ok((rest[0] ?? "").replace(/%s/g, () => rest[1] ?? "").replace(/\\n/g, "\n"));
    case "env":
      return ok(joined([...state.env].map(([k, v]) => `${k}=${v}`)));
    case "printenv":
      if (rest.length === 0) return ok(joined([...state.env].map(([k, v]) => `${k}=${v}`)));
      return rest.every((k) => state.env.has(k)) ? ok(joined(rest.map((k) => state.env.get(k)!))) : { stdout: joined(rest.filter((k) => state.env.has(k)).map((k) => state.env.get(k)!)), stderr: "", exitCode: 1 };
    case "export":
      for (const pair of rest) {
        const eq = pair.indexOf("=");
        if (eq > 0) state.env.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      return ok("");
    case "unset":
      for (const key of rest) state.env.delete(key);
      return ok("");
    case "hostname":
      return ok(`${view.pod.metadata.name ?? ""}\n`);
    case "pwd":
      return ok(`${state.cwd}\n`);
    case "cd": {
      const target = resolvePath(state.cwd, rest[0] ?? "/root");
      if (!listDirectory(state, "d", [target]).stdout) return fail(`sh: cd: can't cd to ${rest[0] ?? ""}: No such file or directory\n`, 2);
      state.cwd = target;
      return ok("");
    }
    case "touch":
    case "rm":
      return writeFiles(state, command, flags, args);
    case "sleep":
    case "true":
      return ok("");
    case "false":
      return fail("");
    case "exit":
      state.exited = Number(rest[0] ?? state.lastExit) || 0;
      return { stdout: "", stderr: "", exitCode: state.exited };
    case "id":
      return ok(idOutput(view.pod, view.container));
    case "whoami":
      return whoamiOutput(view.pod, view.container);
    case "uname":
      return ok(flags.includes("a") ? `Linux ${view.pod.metadata.name ?? ""} 6.8.0-kubeclass #1 SMP x86_64 GNU/Linux\n` : "Linux\n");
    case "date":
      return ok(`${clock(state.now())}\n`);
    case "ps": {
      const processes = [...processList(view), argv.join(" ")];
      return ok(joined(["PID   USER     TIME  COMMAND", ...processes.map((p, i) => `${String(i === 0 ? 1 : i + 6).padStart(5)} root      0:00 ${p}`)]));
    }
    case "grep": {
      const [pattern, ...files] = args;
      if (pattern === undefined) return fail("BusyBox v1.36.1 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] PATTERN/-e PATTERN.../-f FILE [FILE]...\n", 2);
      const input = readInput(state, files, stdin, "grep");
      let regex: RegExp;
      try {
        regex = new RegExp(flags.includes("F") ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : pattern, flags.includes("i") ? "i" : "");
      } catch {
        return fail(`grep: bad regex '${pattern}'\n`, 2);
      }
      const matched = lines(input.stdout).filter((l) => regex.test(l) !== flags.includes("v"));
      const out = flags.includes("c") ? `${matched.length}\n` : flags.includes("q") ? "" : joined(matched);
      return { stdout: out, stderr: input.stderr, exitCode: input.exitCode || (matched.length > 0 ? 0 : 1) };
    }
    case "head":
    case "tail": {
      const { n, rest: files } = countArg(rest);
      const input = readInput(state, files, stdin, command);
      const all = lines(input.stdout);
      return { ...input, stdout: joined(command === "head" ? all.slice(0, n) : n === 0 ? [] : all.slice(-n)) };
    }
    case "wc": {
      const input = readInput(state, args, stdin, "wc");
      const text = input.stdout;
      const count = flags.includes("l") ? lines(text).length : flags.includes("c") ? Buffer.byteLength(text) : flags.includes("w") ? text.split(/\s+/).filter(Boolean).length : undefined;
      return { ...input, stdout: count !== undefined ? `${count}\n` : `${String(lines(text).length).padStart(7)} ${String(text.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(Buffer.byteLength(text)).padStart(7)}\n` };
    }
    case "nslookup":
      return nslookup(source, view, args.find((a) => !a.startsWith("-")));
    case "dig":
      return dig(source, view, rest);
    case "getent":
      return rest[0] === "hosts" ? getentHosts(source, view, rest[1]) : fail("", 1);
    case "curl":
      return curl(source, view, rest);
    case "wget":
      return wget(source, view, rest);
    case "ping":
      return ping(source, view, rest);
    default:
      return fail(`sh: ${name}: not found\n`, 127);
  }
}

/** `touch` creates empty files, `rm` removes files (`-f`: quietly; `-r`: directories with what is in them). */
function writeFiles(state: ShellState, command: "touch" | "rm", flags: string, args: string[]): Output {
  const { files, written } = state.view;
  const at = state.now();
  let stderr = "";
  for (const arg of args) {
    const path = resolvePath(state.cwd, arg);
    if (onReadOnlyMount(state.view, path) && (command === "touch" ? !files.has(path) : files.has(path))) {
      stderr += command === "touch" ? `touch: ${arg}: Read-only file system\n` : `rm: can't remove '${arg}': Read-only file system\n`;
      continue;
    }
    if (command === "touch") {
      if (files.has(path)) continue;
      files.set(path, "");
      written.push({ at, path, content: "" });
      continue;
    }
    const inside = [...files.keys()].filter((p) => p.startsWith(`${path}/`));
    if (!files.has(path) && (inside.length === 0 || !flags.includes("r"))) {
      if (inside.length > 0) stderr += `rm: '${arg}' is a directory\n`;
      else if (!flags.includes("f")) stderr += `rm: can't remove '${arg}': No such file or directory\n`;
      continue;
    }
    for (const p of [path, ...inside]) {
      if (!files.delete(p)) continue;
      written.push({ at, path: p, content: null });
    }
  }
  return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
}

const known = new Set(["touch", "rm", "sh", "bash", "ash", "cat", "ls", "echo", "printf", "env", "printenv", "export", "unset", "hostname", "pwd", "cd", "sleep", "true", "false", "exit", "id", "whoami", "uname", "date", "ps", "grep", "head", "tail", "wc", "nslookup", "dig", "getent", "curl", "wget", "ping"]);

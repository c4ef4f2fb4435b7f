import { resolvePath } from "./paths";
import type { ProgramContext } from "./program";
import type { Shell } from "./shell";
import { sleepFor } from "./shell-io";
import { echoText, printfText } from "./echo-printf";
import { runWatch } from "./coreutils/watch";
import { testBuiltin } from "./test-builtin";

type Builtin = (ctx: ProgramContext, shell: Shell) => Promise<number>;

const ok = (code = 0) => Promise.resolve(code);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function cd(ctx: ProgramContext, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1).filter((a) => a !== "--");
  if (args.length > 1) return fail(ctx, "-bash: cd: too many arguments");
  let target = args[0] ?? shell.env.get("HOME") ?? shell.home;
  if (target === "-") {
    const previous = shell.env.get("OLDPWD");
    if (!previous) return fail(ctx, "-bash: cd: OLDPWD not set");
    target = previous;
    ctx.stdout.write(previous + "\n");
  }
  const path = resolvePath(shell.cwd, target, shell.home);
  const stat = await shell.fs.stat(path);
  if (!stat) return fail(ctx, `-bash: cd: ${target}: No such file or directory`);
  if (stat.kind !== "dir") return fail(ctx, `-bash: cd: ${target}: Not a directory`);
  shell.env.set("OLDPWD", shell.cwd);
  shell.cwd = path;
  shell.env.set("PWD", path);
  return 0;
}

function fail(ctx: ProgramContext, line: string, code = 1): Promise<number> {
  ctx.stderr.write(line + "\n");
  return ok(code);
}

function exportBuiltin(ctx: ProgramContext, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1).filter((a) => a !== "-n");
  if (args.length === 0 || (args.length === 1 && args[0] === "-p")) {
    for (const [name, value] of [...shell.env].sort(([a], [b]) => (a < b ? -1 : 1))) ctx.stdout.write(`declare -x ${name}="${value.replace(/(["\\$`])/g, "\\$1")}"\n`);
    return ok();
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      ctx.stderr.write(`-bash: export: \`${arg}': not a valid identifier\n`);
      status = 1;
    } else if (eq >= 0) shell.env.set(name, arg.slice(eq + 1));
    else if (!shell.env.has(name)) shell.env.set(name, "");
  }
  return ok(status);
}

function alias(ctx: ProgramContext, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1).filter((a) => a !== "-p");
  const show = (name: string, value: string) => ctx.stdout.write(`alias ${name}='${value.replace(/'/g, `'\\''`)}'\n`);
  if (args.length === 0) {
    for (const [name, value] of [...shell.aliases].sort(([a], [b]) => (a < b ? -1 : 1))) show(name, value);
    return ok();
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq > 0) shell.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
    else {
      const value = shell.aliases.get(arg);
      if (value === undefined) {
        ctx.stderr.write(`-bash: alias: ${arg}: not found\n`);
        status = 1;
      } else show(arg, value);
    }
  }
  return ok(status);
}

function unalias(ctx: ProgramContext, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1);
  if (args.includes("-a")) {
    shell.aliases.clear();
    return ok();
  }
  if (args.length === 0) return fail(ctx, "unalias: usage: unalias [-a] name [name ...]", 2);
  let status = 0;
  for (const name of args) {
    if (!shell.aliases.delete(name)) {
      ctx.stderr.write(`-bash: unalias: ${name}: not found\n`);
      status = 1;
    }
  }
  return ok(status);
}

function history(ctx: ProgramContext, shell: Shell): Promise<number> {
  const arg = ctx.argv[1];
  if (arg === "-c") {
    shell.history.length = 0;
    return ok();
  }
  if (arg !== undefined && !/^\d+$/.test(arg)) return fail(ctx, `-bash: history: ${arg}: numeric argument required`);
  const all = shell.history;
  const count = arg === undefined ? all.length : Math.min(Number(arg), all.length);
  const lines: string[] = [];
  for (let i = all.length - count; i < all.length; i++) lines.push(`${String(i + 1).padStart(5)}  ${all[i]!}\n`);
  ctx.stdout.write(lines.join(""));
  return ok();
}

function describe(shell: Shell, name: string): { type: string; path?: string } | undefined {
  const aliasValue = shell.aliases.get(name);
  if (aliasValue !== undefined) return { type: `${name} is aliased to \`${aliasValue}'` };
  const found = shell.findCommand(name);
  if (!found) return undefined;
  if (found.kind === "builtin" && !BUILTIN_FILES.has(name)) return { type: `${name} is a shell builtin` };
  const path = found.kind === "program" ? `/usr/local/bin/${name}` : `/usr/bin/${name}`;
  return { type: `${name} is ${path}`, path };
}

/** Builtins here that are real files on a Linux system (so `which` finds them). */
const BUILTIN_FILES = new Set(["watch", "env", "sleep"]);

function type(ctx: ProgramContext, shell: Shell): Promise<number> {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const found = describe(shell, name);
    if (found) ctx.stdout.write(found.type + "\n");
    else {
      ctx.stderr.write(`-bash: type: ${name}: not found\n`);
      status = 1;
    }
  }
  return ok(status);
}

function which(ctx: ProgramContext, shell: Shell): Promise<number> {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const found = shell.findCommand(name);
    const path = found && (found.kind !== "builtin" || BUILTIN_FILES.has(name) || name === "echo" || name === "pwd") ? (found.kind === "program" ? `/usr/local/bin/${name}` : `/usr/bin/${name}`) : undefined;
    if (path) ctx.stdout.write(path + "\n");
    else status = 1;
  }
  return ok(status);
}

async function sleep(ctx: ProgramContext): Promise<number> {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return fail(ctx, "sleep: missing operand");
  let ms = 0;
  for (const arg of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) return fail(ctx, `sleep: invalid time interval '${arg}'`);
    ms += Number(m[1]) * { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "" | "s"];
  }
  return (await sleepFor(ms, ctx.signal)) ? 0 : 130;
}

function env(ctx: ProgramContext): Promise<number> {
  ctx.stdout.write([...ctx.env].map(([name, value]) => `${name}=${value}\n`).join(""));
  return ok();
}

async function source(ctx: ProgramContext, shell: Shell): Promise<number> {
  const file = ctx.argv[1];
  if (file === undefined) return fail(ctx, `-bash: ${ctx.argv[0]}: filename argument required`, 2);
  let text: string;
  try {
    text = await shell.fs.readFile(resolvePath(shell.cwd, file, shell.home));
  } catch {
    return fail(ctx, `-bash: ${file}: No such file or directory`);
  }
  return shell.run(text, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: ctx.tty, signal: ctx.signal });
}

export const builtins: Record<string, Builtin> = {
  cd,
  pwd: (ctx, shell) => (ctx.stdout.write(shell.cwd + "\n"), ok()),
  export: exportBuiltin,
  unset: (ctx, shell) => (ctx.argv.slice(1).forEach((name) => shell.env.delete(name)), ok()),
  alias,
  unalias,
  history,
  clear: (ctx) => (ctx.stdout.write("\x1b[H\x1b[2J\x1b[3J"), ok()),
  exit: (ctx, shell) => (ctx.stderr.write("logout\n"), (shell.exitRequested = true), ok(Number(ctx.argv[1] ?? shell.status) & 255 || 0)),
  logout: (ctx, shell) => (ctx.stderr.write("logout\n"), (shell.exitRequested = true), ok()),
  echo: (ctx) => (ctx.stdout.write(echoText(ctx.argv.slice(1))), ok()),
  printf: (ctx) => {
    const [format, ...args] = ctx.argv.slice(1);
    if (format === undefined) return fail(ctx, "printf: usage: printf [-v var] format [arguments]", 2);
    ctx.stdout.write(printfText(format, args));
    return ok();
  },
  type,
  which,
  true: () => ok(0),
  false: () => ok(1),
  ":": () => ok(0),
  sleep,
  env,
  source,
  ".": source,
  watch: runWatch,
  test: testBuiltin,
  "[": testBuiltin,
};

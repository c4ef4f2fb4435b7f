import { basename } from "../paths";
import type { ProgramContext } from "../program";
import { FsError } from "../virtual-fs";
import { fileError, parseOptions, pathOf, readInputs, usageError } from "./util";

/** cat [-n] [FILE…]: `-` and no operands read stdin (streamed, so `tail -f`-like sources pass through). */
export async function cat(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("cat", ctx.argv.slice(1), { booleans: "nAesvt", long: { number: "n" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const number = parsed.flags.has("n");
  let status = 0;
  let lineNo = 0;
  const emit = (text: string) => {
    if (!number) return ctx.stdout.write(text);
    ctx.stdout.write(text.replace(/^(.*)(\n|$)/gm, (m, line: string, nl: string) => (m === "" ? "" : `${String(++lineNo).padStart(6)}\t${line}${nl}`)));
  };
  for (const name of parsed.operands.length > 0 ? parsed.operands : ["-"]) {
    if (name === "-") {
      for (let chunk = await ctx.stdin.read(); chunk !== null && !ctx.signal.aborted; chunk = await ctx.stdin.read()) emit(chunk);
      continue;
    }
    const { inputs, status: readStatus } = await readInputs(ctx, "cat", [name]);
    status ||= readStatus;
    for (const input of inputs) emit(input.text);
  }
  return status;
}

export async function mkdir(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("mkdir", ctx.argv.slice(1), { booleans: "pv", long: { parents: "p" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  if (parsed.operands.length === 0) return usageError(ctx, "mkdir: missing operand");
  let status = 0;
  for (const name of parsed.operands) {
    try {
      await ctx.fs.mkdir(pathOf(ctx, name), { parents: parsed.flags.has("p") });
    } catch (error) {
      ctx.stderr.write(`mkdir: cannot create directory ‘${name}’: ${error instanceof FsError ? error.message : String(error)}\n`);
      status = 1;
    }
  }
  return status;
}

export async function touch(ctx: ProgramContext): Promise<number> {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  if (names.length === 0) return usageError(ctx, "touch: missing file operand");
  let status = 0;
  for (const name of names) {
    const path = pathOf(ctx, name);
    try {
      const stat = await ctx.fs.stat(path);
      if (stat?.kind === "dir") continue;
      // Rewriting the same content is how a content-only store bumps the modification time.
      await ctx.fs.writeFile(path, stat ? await ctx.fs.readFile(path) : "");
    } catch (error) {
      ctx.stderr.write(`touch: cannot touch '${name}': ${error instanceof FsError ? error.message : String(error)}\n`);
      status = 1;
    }
  }
  return status;
}

export async function rm(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("rm", ctx.argv.slice(1), { booleans: "rRfvi", long: { recursive: "r", force: "f" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const recursive = parsed.flags.has("r") || parsed.flags.has("R");
  const force = parsed.flags.has("f");
  if (parsed.operands.length === 0) return force ? 0 : usageError(ctx, "rm: missing operand");
  let status = 0;
  for (const name of parsed.operands) {
    const path = pathOf(ctx, name);
    const stat = await ctx.fs.stat(path);
    if (!stat) {
      if (!force) {
        ctx.stderr.write(`rm: cannot remove '${name}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (stat.kind === "dir" && !recursive) {
      ctx.stderr.write(`rm: cannot remove '${name}': Is a directory\n`);
      status = 1;
      continue;
    }
    try {
      await ctx.fs.remove(path, { recursive });
    } catch (error) {
      ctx.stderr.write(`rm: cannot remove '${name}': ${error instanceof FsError ? error.message : String(error)}\n`);
      status = 1;
    }
  }
  return status;
}

/** Where `src` lands when copied or moved to `dest`: inside it when it is a directory. */
async function destination(ctx: ProgramContext, src: string, dest: string, many: boolean): Promise<string | { error: string }> {
  const target = pathOf(ctx, dest);
  const stat = await ctx.fs.stat(target);
  if (stat?.kind === "dir") return `${target}/${basename(src)}`;
  if (many) return { error: `target '${dest}': Not a directory` };
  return target;
}

async function copyTree(ctx: ProgramContext, from: string, to: string): Promise<void> {
  const stat = await ctx.fs.stat(from);
  if (stat?.kind === "dir") {
    await ctx.fs.mkdir(to, { parents: true });
    for (const entry of await ctx.fs.list(from)) await copyTree(ctx, `${from}/${entry.name}`, `${to}/${entry.name}`);
  } else await ctx.fs.writeFile(to, await ctx.fs.readFile(from));
}

async function copyOrMove(ctx: ProgramContext, program: "cp" | "mv"): Promise<number> {
  const parsed = parseOptions(program, ctx.argv.slice(1), { booleans: "rRfivpa", long: { recursive: "r", force: "f" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const operands = parsed.operands;
  if (operands.length === 0) return usageError(ctx, `${program}: missing file operand`);
  if (operands.length === 1) return usageError(ctx, `${program}: missing destination file operand after '${operands[0]}'`);
  const dest = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  const recursive = program === "mv" || parsed.flags.has("r") || parsed.flags.has("R") || parsed.flags.has("a");
  let status = 0;
  for (const src of sources) {
    const from = pathOf(ctx, src);
    const stat = await ctx.fs.stat(from);
    if (!stat) {
      ctx.stderr.write(`${program}: cannot stat '${src}': No such file or directory\n`);
      status = 1;
      continue;
    }
    if (stat.kind === "dir" && !recursive) {
      ctx.stderr.write(`cp: -r not specified; omitting directory '${src}'\n`);
      status = 1;
      continue;
    }
    const to = await destination(ctx, src, dest, sources.length > 1);
    if (typeof to !== "string") return usageError(ctx, `${program}: ${to.error}`);
    if (to === from || to.startsWith(from + "/")) {
      ctx.stderr.write(`${program}: cannot ${program === "cp" ? "copy" : "move"} '${src}' to a subdirectory of itself, '${dest}'\n`);
      status = 1;
      continue;
    }
    try {
      if (program === "mv") await ctx.fs.rename(from, to);
      else await copyTree(ctx, from, to);
    } catch (error) {
      ctx.stderr.write(fileError(program, dest, error) + "\n");
      status = 1;
    }
  }
  return status;
}

export const cp = (ctx: ProgramContext) => copyOrMove(ctx, "cp");
export const mv = (ctx: ProgramContext) => copyOrMove(ctx, "mv");

import { resolvePath } from "../paths";
import { readAll, type ProgramContext } from "../program";
import { FsError } from "../virtual-fs";

export type Options = { flags: Map<string, string | true>; operands: string[] };

export type OptionSpec = {
  /** Short flags that take no value, e.g. "lain". */
  booleans?: string;
  /** Short flags that take a value, e.g. "nd". */
  values?: string;
  /** Long names mapped to a short flag (or to themselves): { lines: "n", quiet: "q" }. */
  long?: Record<string, string>;
};

/** getopt-style parsing: `-la`, `-n5`, `-n 5`, `--lines=5`, `--`; unknown flags are an error line. */
export function parseOptions(program: string, args: string[], spec: OptionSpec): Options | { error: string } {
  const flags = new Map<string, string | true>();
  const operands: string[] = [];
  const booleans = spec.booleans ?? "";
  const values = spec.values ?? "";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--") && spec.long) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const short = spec.long[name];
      if (short === undefined) return { error: `${program}: unrecognized option '${arg}'` };
      if (values.includes(short) && eq < 0) {
        const value = args[++i];
        if (value === undefined) return { error: `${program}: option '--${name}' requires an argument` };
        flags.set(short, value);
      } else flags.set(short, eq < 0 ? true : arg.slice(eq + 1));
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (values.includes(flag)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return { error: `${program}: option requires an argument -- '${flag}'` };
        flags.set(flag, value);
        break;
      }
      if (!booleans.includes(flag)) return { error: `${program}: invalid option -- '${flag}'` };
      flags.set(flag, true);
    }
  }
  return { flags, operands };
}

export function usageError(ctx: ProgramContext, line: string, code = 1): number {
  ctx.stderr.write(line + "\n");
  return code;
}

export function pathOf(ctx: ProgramContext, name: string): string {
  return resolvePath(ctx.cwd, name, ctx.env.get("HOME"));
}

/** `prog: name: No such file or directory`, as coreutils print a failed file. */
export function fileError(program: string, name: string, error: unknown): string {
  const message = error instanceof FsError ? error.message : error instanceof Error ? error.message : String(error);
  return `${program}: ${name}: ${message}`;
}

/** Reads each named file (or stdin for none or "-"), reporting failures as coreutils do; returns texts and status. */
export async function readInputs(ctx: ProgramContext, program: string, names: string[]): Promise<{ inputs: { name: string; text: string }[]; status: number }> {
  const inputs: { name: string; text: string }[] = [];
  let status = 0;
  for (const name of names.length === 0 ? ["-"] : names) {
    if (name === "-") {
      inputs.push({ name: "(standard input)", text: await readAll(ctx.stdin) });
      continue;
    }
    try {
      inputs.push({ name, text: await ctx.fs.readFile(pathOf(ctx, name)) });
    } catch (error) {
      ctx.stderr.write(fileError(program, name, error) + "\n");
      status = 1;
    }
  }
  return { inputs, status };
}

/** Splits text into lines without the final empty piece a trailing newline makes. */
export function lines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Calls `each` per line of stdin as it arrives (streaming filters: `get -w | grep`). Returns false if aborted. */
export async function forEachLine(ctx: ProgramContext, each: (line: string) => boolean | void): Promise<boolean> {
  let rest = "";
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
    if (ctx.signal.aborted) return false;
    rest += chunk;
    let nl = rest.indexOf("\n");
    while (nl >= 0) {
      if (each(rest.slice(0, nl)) === false) return true;
      rest = rest.slice(nl + 1);
      nl = rest.indexOf("\n");
    }
  }
  if (rest !== "") each(rest);
  return !ctx.signal.aborted;
}

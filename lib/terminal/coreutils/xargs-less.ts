import { runArgv } from "../interpreter";
import { readAll, textInput, type ProgramContext } from "../program";
import type { Shell } from "../shell";
import { cat } from "./file-ops";
import { usageError } from "./util";

/** xargs [-n N] [-I REPLACE] [COMMAND [ARGS…]]: runs COMMAND with the words read from stdin. */
export async function xargs(ctx: ProgramContext, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1);
  let perRun = Infinity;
  let replace: string | undefined;
  while (args[0]?.startsWith("-")) {
    const flag = args.shift()!;
    if (flag === "-n" || flag === "-I") {
      const value = args.shift();
      if (value === undefined) return usageError(ctx, `xargs: option requires an argument -- '${flag.slice(1)}'`);
      if (flag === "-I") replace = value;
      else perRun = Math.max(1, Number(value) || 1);
    } else if (/^-n\d+$/.test(flag)) perRun = Number(flag.slice(2));
    else if (flag === "-r" || flag === "--no-run-if-empty" || flag === "-t") continue;
    else return usageError(ctx, `xargs: invalid option -- '${flag.replace(/^-+/, "")}'`);
  }
  const command = args.length > 0 ? args : ["echo"];
  if (!shell.findCommand(command[0]!)) return usageError(ctx, `xargs: ${command[0]}: No such file or directory`, 127);
  const input = await readAll(ctx.stdin);
  const items = replace !== undefined ? input.split("\n").filter((l) => l.trim() !== "") : (input.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, "$2"));
  if (items.length === 0) return 0;
  const io = { stdin: textInput(""), stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal };
  let status = 0;
  const runs = replace !== undefined ? items.map((item) => command.map((word) => word.split(replace).join(item))) : chunk(items, perRun).map((group) => [...command, ...group]);
  for (const argv of runs) {
    if (ctx.signal.aborted) return 130;
    const code = await runArgv(shell, argv, io);
    if (code === 127) return 127;
    if (code !== 0) status = 123;
  }
  return status;
}

function chunk<T>(items: T[], size: number): T[][] {
  if (!Number.isFinite(size)) return [items];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** less/more without the interaction: the text goes straight to the terminal (it scrolls back in the browser). */
export function pager(ctx: ProgramContext): Promise<number> {
  return cat({ ...ctx, argv: ["cat", ...ctx.argv.slice(1).filter((a) => !a.startsWith("-") && !a.startsWith("+"))] });
}

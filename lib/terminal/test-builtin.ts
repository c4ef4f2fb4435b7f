import { resolvePath } from "./paths";
import type { ProgramContext } from "./program";

const UNARY = new Set(["-e", "-f", "-d", "-s", "-z", "-n", "-r", "-w", "-x"]);
const BINARY = new Set(["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"]);

/** test EXPR and [ EXPR ]: file tests, string and integer comparisons, `!`. Status 0 true, 1 false, 2 error. */
export async function testBuiltin(ctx: ProgramContext): Promise<number> {
  const name = ctx.argv[0] ?? "test";
  let args = ctx.argv.slice(1);
  if (name === "[") {
    if (args[args.length - 1] !== "]") return fail(ctx, "-bash: [: missing `]'");
    args = args.slice(0, -1);
  }
  let negate = false;
  while (args[0] === "!" && args.length > 1) {
    negate = !negate;
    args = args.slice(1);
  }
  const result = await evaluate(ctx, args);
  if (typeof result === "string") return fail(ctx, `-bash: ${name}: ${result}`);
  return result !== negate ? 0 : 1;
}

async function evaluate(ctx: ProgramContext, args: string[]): Promise<boolean | string> {
  const [a, b, c] = args;
  if (a === undefined) return false;
  if (args.length === 1) return a !== "";
  if (args.length === 2 && UNARY.has(a)) {
    const operand = b!;
    if (a === "-z") return operand === "";
    if (a === "-n") return operand !== "";
    const stat = await ctx.fs.stat(resolvePath(ctx.cwd, operand, ctx.env.get("HOME")));
    if (a === "-f") return stat?.kind === "file";
    if (a === "-d") return stat?.kind === "dir";
    if (a === "-s") return (stat?.size ?? 0) > 0;
    return stat !== undefined;
  }
  if (args.length === 3 && BINARY.has(b!)) {
    if (b === "=" || b === "==") return a === c;
    if (b === "!=") return a !== c;
    const x = Number(a);
    const y = Number(c);
    if (!/^-?\d+$/.test(a.trim())) return `${a}: integer expression expected`;
    if (!/^-?\d+$/.test(c!.trim())) return `${c}: integer expression expected`;
    return b === "-eq" ? x === y : b === "-ne" ? x !== y : b === "-lt" ? x < y : b === "-le" ? x <= y : b === "-gt" ? x > y : x >= y;
  }
  return args.length === 2 ? `${a}: unary operator expected` : "too many arguments";
}

function fail(ctx: ProgramContext, line: string): number {
  ctx.stderr.write(line + "\n");
  return 2;
}

import type { ProgramContext } from "../program";
import { basename as baseOf, dirname as dirOf } from "../paths";
import { ctime } from "./watch";
import { usageError } from "./util";

export const whoami = (ctx: ProgramContext) => (ctx.stdout.write((ctx.env.get("USER") ?? "user") + "\n"), Promise.resolve(0));
export const hostname = (ctx: ProgramContext) => (ctx.stdout.write("kubeclass\n"), Promise.resolve(0));

/** date [-u] [+FORMAT]: the shell's clock, in UTC. */
export function date(ctx: ProgramContext): Promise<number> {
  const now = ctx.now();
  const format = ctx.argv.slice(1).find((a) => a.startsWith("+"));
  if (!format) {
    const text = ctime(now);
    ctx.stdout.write(`${text.slice(0, 19)} UTC ${text.slice(20)}\n`);
    return Promise.resolve(0);
  }
  const two = (n: number) => String(n).padStart(2, "0");
  const fields: Record<string, string> = {
    Y: String(now.getUTCFullYear()),
    m: two(now.getUTCMonth() + 1),
    d: two(now.getUTCDate()),
    H: two(now.getUTCHours()),
    M: two(now.getUTCMinutes()),
    S: two(now.getUTCSeconds()),
    s: String(Math.floor(now.getTime() / 1000)),
    F: `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())}`,
    T: `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`,
    Z: "UTC",
    "%": "%",
  };
  ctx.stdout.write(format.slice(1).replace(/%(.)/g, (m, c: string) => fields[c] ?? m) + "\n");
  return Promise.resolve(0);
}

/** seq [FIRST [INCREMENT]] LAST */
export function seq(ctx: ProgramContext): Promise<number> {
  const nums = ctx.argv.slice(1).map(Number);
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) return Promise.resolve(usageError(ctx, "seq: missing operand"));
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if (step === 0) return Promise.resolve(usageError(ctx, "seq: invalid Zero increment value: ‘0’"));
  const out: string[] = [];
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
    out.push(String(n));
    if (out.length > 100_000) break;
  }
  ctx.stdout.write(out.map((l) => l + "\n").join(""));
  return Promise.resolve(0);
}

export function basename(ctx: ProgramContext): Promise<number> {
  const [name, suffix] = ctx.argv.slice(1);
  if (name === undefined) return Promise.resolve(usageError(ctx, "basename: missing operand"));
  let base = baseOf(name);
  if (suffix && base.endsWith(suffix) && base !== suffix) base = base.slice(0, -suffix.length);
  ctx.stdout.write(base + "\n");
  return Promise.resolve(0);
}

export function dirname(ctx: ProgramContext): Promise<number> {
  const name = ctx.argv[1];
  if (name === undefined) return Promise.resolve(usageError(ctx, "dirname: missing operand"));
  ctx.stdout.write((name.includes("/") ? dirOf(name.startsWith("/") ? name : "/" + name).slice(name.startsWith("/") ? 0 : 1) || "." : ".") + "\n");
  return Promise.resolve(0);
}

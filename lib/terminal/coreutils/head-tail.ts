import type { ProgramContext } from "../program";
import { sleepFor } from "../shell-io";
import { forEachLine, lines, parseOptions, pathOf, readInputs, usageError } from "./util";

/** `head -5` and `tail -5` are old spellings of `-n 5`. */
function modernize(args: string[]): string[] {
  return args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

export async function head(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("head", modernize(ctx.argv.slice(1)), { booleans: "qv", values: "nc", long: { lines: "n", bytes: "c" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const count = Number(parsed.flags.get("n") ?? 10);
  if (!Number.isInteger(count)) return usageError(ctx, `head: invalid number of lines: ‘${String(parsed.flags.get("n"))}’`);
  if (parsed.operands.length === 0 && !parsed.flags.has("c") && count >= 0) {
    // Streams: stop reading after the lines needed, so `get -w | head -n 3` ends.
    let seen = 0;
    if (count === 0) return 0;
    await forEachLine(ctx, (line) => {
      ctx.stdout.write(line + "\n");
      return ++seen < count;
    });
    return 0;
  }
  const { inputs, status } = await readInputs(ctx, "head", parsed.operands);
  inputs.forEach((input, i) => {
    if (inputs.length > 1) ctx.stdout.write(`${i > 0 ? "\n" : ""}==> ${input.name} <==\n`);
    if (parsed.flags.has("c")) return ctx.stdout.write(input.text.slice(0, Number(parsed.flags.get("c"))));
    const all = lines(input.text);
    const kept = count >= 0 ? all.slice(0, count) : all.slice(0, Math.max(0, all.length + count));
    ctx.stdout.write(kept.map((l) => l + "\n").join(""));
  });
  return status;
}

export async function tail(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("tail", modernize(ctx.argv.slice(1)), { booleans: "fFqv", values: "nc", long: { lines: "n", follow: "f" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const spec = String(parsed.flags.get("n") ?? "10");
  const fromStart = spec.startsWith("+");
  const count = Number(spec.replace(/^[+-]/, ""));
  if (!Number.isInteger(count)) return usageError(ctx, `tail: invalid number of lines: ‘${spec}’`);
  const pick = (text: string) => {
    const all = lines(text);
    const kept = fromStart ? all.slice(Math.max(0, count - 1)) : count === 0 ? [] : all.slice(-count);
    return kept.map((l) => l + "\n").join("");
  };
  const { inputs, status } = await readInputs(ctx, "tail", parsed.operands);
  inputs.forEach((input, i) => {
    if (inputs.length > 1) ctx.stdout.write(`${i > 0 ? "\n" : ""}==> ${input.name} <==\n`);
    ctx.stdout.write(pick(input.text));
  });
  const follow = parsed.flags.has("f") || parsed.flags.has("F");
  const name = parsed.operands[parsed.operands.length - 1];
  if (!follow || name === undefined || inputs.length === 0) return status;
  // Follow the last file by polling it: append-only growth is printed as it comes.
  let known = inputs[inputs.length - 1]!.text.length;
  while (await sleepFor(1000, ctx.signal)) {
    const text = await ctx.fs.readFile(pathOf(ctx, name)).catch(() => "");
    if (text.length > known) ctx.stdout.write(text.slice(known));
    known = text.length;
  }
  return 130;
}

export async function wc(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("wc", ctx.argv.slice(1), { booleans: "lwcm", long: { lines: "l", words: "w", bytes: "c", chars: "m" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const { flags } = parsed;
  const all = !flags.has("l") && !flags.has("w") && !flags.has("c") && !flags.has("m");
  const { inputs, status } = await readInputs(ctx, "wc", parsed.operands);
  const counts = inputs.map((input) => {
    const row: number[] = [];
    if (all || flags.has("l")) row.push((input.text.match(/\n/g) ?? []).length);
    if (all || flags.has("w")) row.push(input.text.split(/\s+/).filter(Boolean).length);
    if (flags.has("m")) row.push([...input.text].length);
    if (all || flags.has("c")) row.push(new TextEncoder().encode(input.text).length);
    return { name: parsed.operands.length === 0 ? "" : input.name, row };
  });
  if (counts.length > 1) counts.push({ name: "total", row: counts[0]!.row.map((_, i) => counts.reduce((sum, c) => sum + c.row[i]!, 0)) });
  const columns = counts[0]?.row.length ?? 0;
  const fromStdin = parsed.operands.length === 0 || parsed.operands.includes("-");
  const width = columns === 1 && counts.length === 1 ? 1 : fromStdin ? 7 : Math.max(1, ...counts.flatMap((c) => c.row.map((n) => String(n).length)));
  ctx.stdout.write(counts.map((c) => c.row.map((n) => String(n).padStart(width)).join(" ") + (c.name ? ` ${c.name}` : "") + "\n").join(""));
  return status;
}

export async function tee(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("tee", ctx.argv.slice(1), { booleans: "ai", long: { append: "a" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  let status = 0;
  const paths: string[] = [];
  for (const name of parsed.operands) {
    try {
      const path = pathOf(ctx, name);
      if (!parsed.flags.has("a")) await ctx.fs.writeFile(path, "");
      paths.push(path);
    } catch (error) {
      ctx.stderr.write(`tee: ${name}: ${(error as Error).message}\n`);
      status = 1;
    }
  }
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
    ctx.stdout.write(chunk);
    for (const path of paths) await ctx.fs.writeFile(path, chunk, { append: true }).catch(() => (status = 1));
  }
  return status;
}

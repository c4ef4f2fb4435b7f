import type { ProgramContext } from "../program";
import { lines, parseOptions, readInputs, usageError } from "./util";

export async function sort(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("sort", ctx.argv.slice(1), { booleans: "rnufbh", values: "kto", long: { reverse: "r", unique: "u", "numeric-sort": "n", "ignore-case": "f" } });
  if ("error" in parsed) return usageError(ctx, parsed.error, 2);
  const { flags } = parsed;
  const { inputs, status } = await readInputs(ctx, "sort", parsed.operands);
  if (status !== 0) return 2;
  const separator = flags.get("t");
  const keySpec = flags.get("k");
  const field = typeof keySpec === "string" ? Math.max(1, parseInt(keySpec, 10) || 1) : undefined;
  const keyOf = (line: string): string => {
    if (field === undefined) return line;
    const parts = typeof separator === "string" ? line.split(separator) : line.trim().split(/\s+/);
    return parts.slice(field - 1).join(typeof separator === "string" ? separator : " ");
  };
  const numeric = flags.has("n") || flags.has("h") || (typeof keySpec === "string" && /n/.test(keySpec));
  const fold = flags.has("f");
  const compare = (a: string, b: string): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (numeric) {
      const diff = (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
      if (diff !== 0) return diff;
    } else {
      const x = fold ? ka.toLowerCase() : ka;
      const y = fold ? kb.toLowerCase() : kb;
      if (x !== y) return x < y ? -1 : 1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  let all = inputs.flatMap((input) => lines(input.text)).sort(compare);
  if (flags.has("r")) all.reverse();
  if (flags.has("u")) all = all.filter((line, i) => i === 0 || compare(all[i - 1]!, line) !== 0);
  ctx.stdout.write(all.map((l) => l + "\n").join(""));
  return 0;
}

export async function uniq(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("uniq", ctx.argv.slice(1), { booleans: "cdui", long: { count: "c" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const { flags } = parsed;
  const { inputs, status } = await readInputs(ctx, "uniq", parsed.operands.slice(0, 1));
  const same = (a: string, b: string) => (flags.has("i") ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(inputs[0]?.text ?? "")) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  const kept = groups.filter((g) => (flags.has("d") ? g.count > 1 : flags.has("u") ? g.count === 1 : true));
  ctx.stdout.write(kept.map((g) => (flags.has("c") ? `${String(g.count).padStart(7)} ${g.line}\n` : g.line + "\n")).join(""));
  return status;
}

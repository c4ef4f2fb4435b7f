import type { ProgramContext } from "../program";
import { evaluate, JqError, parseJq, type Json } from "./jq-filter";
import { readInputs, usageError } from "./util";

/** Splits a stream of whitespace-separated JSON texts (jq reads several) and parses each. */
export function parseJsonStream(text: string): Json[] {
  const values: Json[] = [];
  let start = -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) {
          values.push(JSON.parse(text.slice(start, i + 1)) as Json);
          start = -1;
        }
      }
      continue;
    }
    if (/\s/.test(c)) {
      if (start >= 0 && depth === 0) {
        values.push(JSON.parse(text.slice(start, i)) as Json);
        start = -1;
      }
      continue;
    }
    if (start < 0) start = i;
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) {
        values.push(JSON.parse(text.slice(start, i + 1)) as Json);
        start = -1;
      }
    }
  }
  if (start >= 0) values.push(JSON.parse(text.slice(start)) as Json);
  return values;
}

/** jq [-r] [-c] [-n] [-e] [-s] [--arg NAME VALUE] FILTER [FILE…] */
export async function jq(ctx: ProgramContext): Promise<number> {
  const flags = new Set<string>();
  const operands: string[] = [];
  const vars: Record<string, Json> = {};
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--arg" && i + 2 < args.length) {
      vars[args[i + 1]!] = args[i + 2]!;
      i += 2;
    } else if (/^-[rcneSsj]+$/.test(arg)) for (const f of arg.slice(1)) flags.add(f);
    else if (arg === "--raw-output") flags.add("r");
    else if (arg === "--compact-output") flags.add("c");
    else if (arg.startsWith("-") && arg !== "-" && operands.length > 0) operands.push(arg);
    else if (arg.startsWith("-") && arg !== "-") return usageError(ctx, `jq: Unknown option: ${arg}`, 2);
    else operands.push(arg);
  }
  const filterText = operands.shift() ?? ".";
  let filter;
  try {
    filter = parseJq(filterText);
  } catch (error) {
    return usageError(ctx, `jq: error: ${(error as Error).message}`, 3);
  }
  const { inputs, status } = await readInputs(ctx, "jq", operands);
  if (status !== 0) return 2;
  let values: Json[];
  try {
    values = flags.has("n") ? [null] : inputs.flatMap((input) => parseJsonStream(input.text));
  } catch (error) {
    return usageError(ctx, `jq: error (at <stdin>:0): Cannot parse input: ${(error as Error).message.split("\n")[0] ?? ""}`, 2);
  }
  if (flags.has("s")) values = [values];
  const format = (v: Json) => (flags.has("r") && typeof v === "string" ? v : flags.has("c") ? JSON.stringify(v) : JSON.stringify(v, null, 2));
  let last: Json = null;
  let produced = false;
  for (const value of values) {
    try {
      const out = evaluate(filter, value, vars);
      ctx.stdout.write(out.map((v) => format(v) + (flags.has("j") ? "" : "\n")).join(""));
      if (out.length > 0) {
        last = out[out.length - 1]!;
        produced = true;
      }
    } catch (error) {
      if (!(error instanceof JqError)) throw error;
      return usageError(ctx, `jq: error (at <stdin>:0): ${error.message}`, 5);
    }
  }
  if (flags.has("e")) return !produced ? 4 : last === null || last === false ? 1 : 0;
  return 0;
}

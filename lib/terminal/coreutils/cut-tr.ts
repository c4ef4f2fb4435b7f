import type { ProgramContext } from "../program";
import { unescape } from "../echo-printf";
import { forEachLine, parseOptions, readInputs, usageError } from "./util";

/** "1,3-4,6-" → a predicate on 1-based positions. */
function parseList(spec: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const piece of spec.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(piece);
    if (!m || (m[1] === "" && m[3] === "")) return undefined;
    const from = m[1] === "" ? 1 : Number(m[1]);
    const to = m[2] === "" ? from : m[3] === "" ? Infinity : Number(m[3]);
    if (from < 1) return undefined;
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export async function cut(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("cut", ctx.argv.slice(1), { booleans: "s", values: "dfcb", long: { delimiter: "d", fields: "f", characters: "c" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const { flags } = parsed;
  const fieldSpec = flags.get("f");
  const charSpec = flags.get("c") ?? flags.get("b");
  const spec = typeof fieldSpec === "string" ? fieldSpec : typeof charSpec === "string" ? charSpec : undefined;
  if (spec === undefined) return usageError(ctx, "cut: you must specify a list of bytes, characters, or fields");
  const wanted = parseList(spec);
  if (!wanted) return usageError(ctx, `cut: invalid field value ‘${spec}’`);
  const delimiter = typeof flags.get("d") === "string" ? (flags.get("d") as string) : "\t";
  if (delimiter.length !== 1) return usageError(ctx, "cut: the delimiter must be a single character");
  const cutLine = (line: string): string | undefined => {
    if (typeof fieldSpec !== "string") return [...line].filter((_, i) => wanted(i + 1)).join("");
    if (!line.includes(delimiter)) return flags.has("s") ? undefined : line;
    return line.split(delimiter).filter((_, i) => wanted(i + 1)).join(delimiter);
  };
  const emit = (line: string) => {
    const out = cutLine(line);
    if (out !== undefined) ctx.stdout.write(out + "\n");
  };
  if (parsed.operands.length === 0) {
    await forEachLine(ctx, emit);
    return 0;
  }
  const { inputs, status } = await readInputs(ctx, "cut", parsed.operands);
  for (const input of inputs) input.text.replace(/\n$/, "").split("\n").forEach((line) => input.text !== "" && emit(line));
  return status;
}

const CLASSES: Record<string, string> = {
  "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
  "[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  "[:digit:]": "0123456789",
  "[:space:]": " \t\n\r\v\f",
  "[:blank:]": " \t",
  "[:punct:]": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
};
CLASSES["[:alpha:]"] = CLASSES["[:lower:]"]! + CLASSES["[:upper:]"]!;
CLASSES["[:alnum:]"] = CLASSES["[:alpha:]"] + CLASSES["[:digit:]"]!;

/** Expands a tr set: escapes, classes, ranges (a-z). */
function expandSet(set: string): string {
  let text = unescape(set);
  for (const [name, chars] of Object.entries(CLASSES)) text = text.split(name).join(chars);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i + 1] === "-" && i + 2 < text.length) {
      const from = text.charCodeAt(i);
      const to = text.charCodeAt(i + 2);
      for (let c = from; c <= to && c - from < 65536; c++) out += String.fromCharCode(c);
      i += 2;
    } else out += text[i];
  }
  return out;
}

export async function tr(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("tr", ctx.argv.slice(1), { booleans: "dsc", long: { delete: "d", "squeeze-repeats": "s" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const { flags, operands } = parsed;
  const [first, second] = operands;
  if (first === undefined) return usageError(ctx, "tr: missing operand");
  if (!flags.has("d") && !flags.has("s") && second === undefined) return usageError(ctx, `tr: missing operand after ‘${first}’`);
  const from = expandSet(first);
  const to = second === undefined ? "" : expandSet(second);
  const squeeze = flags.has("s") ? new Set(flags.has("d") ? to : to || from) : undefined;
  const translate = (text: string) => {
    let out = "";
    for (const c of text) {
      const index = from.indexOf(c);
      let mapped: string;
      if (flags.has("d")) {
        if (index >= 0) continue;
        mapped = c;
      } else mapped = index >= 0 && to !== "" ? to[Math.min(index, to.length - 1)]! : c;
      if (squeeze?.has(mapped) && out.endsWith(mapped)) continue;
      out += mapped;
    }
    return out;
  };
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) ctx.stdout.write(translate(chunk));
  return 0;
}

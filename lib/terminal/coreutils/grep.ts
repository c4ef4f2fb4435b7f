import type { ProgramContext } from "../program";
import { fileError, forEachLine, parseOptions, pathOf, usageError } from "./util";

/** Basic regular expressions: `\|`, `\+`, `\?`, `\(`, `\)`, `\{`, `\}` are the operators; bare ones are literal. */
export function basicToJs(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += "|+?(){}".includes(next) ? next : `\\${next}`;
    } else if ("|+?(){}".includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** grep [-i -v -n -c -E -F -o -q -w -l -h -H] PATTERN [FILE…]: streams stdin; status 1 when nothing matched. */
export async function grep(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions(ctx.argv[0] ?? "grep", ctx.argv.slice(1), {
    booleans: "ivncEFoqwlhHsr",
    values: "emA",
    long: { "ignore-case": "i", "invert-match": "v", "line-number": "n", count: "c", "extended-regexp": "E", "only-matching": "o", quiet: "q", color: "color", colour: "color" },
  });
  if ("error" in parsed) return usageError(ctx, parsed.error, 2);
  const { flags } = parsed;
  const operands = [...parsed.operands];
  const explicit = flags.get("e");
  const pattern = typeof explicit === "string" ? explicit : operands.shift();
  if (pattern === undefined) return usageError(ctx, "Usage: grep [OPTION]... PATTERNS [FILE]...", 2);
  const extended = flags.has("E") || ctx.argv[0] === "egrep";
  let source = flags.has("F") ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : extended ? pattern : basicToJs(pattern);
  if (flags.has("w")) source = `(?<![\\w])(?:${source})(?![\\w])`;
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags.has("i") ? "gi" : "g");
  } catch {
    return usageError(ctx, "grep: Unmatched ( or \\(", 2);
  }
  const color = ctx.tty !== undefined && flags.get("color") !== "never";
  const maxCount = typeof flags.get("m") === "string" ? Number(flags.get("m")) : Infinity;
  const showNames = (operands.length > 1 || flags.has("H")) && !flags.has("h");
  let matched = 0;
  let status = 0;

  const scan = (name: string) => {
    let count = 0;
    let lineNo = 0;
    return {
      line: (line: string): boolean => {
        lineNo++;
        regex.lastIndex = 0;
        const hit = regex.test(line) !== flags.has("v");
        if (!hit) return true;
        count++;
        matched++;
        if (flags.has("q") || flags.has("l")) return false;
        if (!flags.has("c")) {
          const prefix = (showNames ? (color ? `\x1b[35m${name}\x1b[36m:\x1b[0m` : `${name}:`) : "") + (flags.has("n") ? (color ? `\x1b[32m${lineNo}\x1b[36m:\x1b[0m` : `${lineNo}:`) : "");
          regex.lastIndex = 0;
          if (flags.has("o") && !flags.has("v")) {
            for (const m of line.matchAll(regex)) if (m[0] !== "") ctx.stdout.write(`${prefix}${color ? `\x1b[01;31m${m[0]}\x1b[0m` : m[0]}\n`);
          } else {
            const shown = color && !flags.has("v") ? line.replace(regex, (m) => (m === "" ? m : `\x1b[01;31m\x1b[K${m}\x1b[m\x1b[K`)) : line;
            ctx.stdout.write(prefix + shown + "\n");
          }
        }
        return count < maxCount;
      },
      done: () => {
        if (flags.has("c")) ctx.stdout.write(`${showNames ? `${name}:` : ""}${count}\n`);
        if (flags.has("l") && count > 0) ctx.stdout.write(name + "\n");
      },
    };
  };

  for (const name of operands.length > 0 ? operands : ["-"]) {
    const scanner = scan(name === "-" ? "(standard input)" : name);
    if (name === "-") {
      await forEachLine(ctx, scanner.line);
    } else {
      let text: string;
      try {
        text = await ctx.fs.readFile(pathOf(ctx, name));
      } catch (error) {
        if (!flags.has("s")) ctx.stderr.write(fileError("grep", name, error) + "\n");
        status = 2;
        continue;
      }
      const all = text.split("\n");
      if (all[all.length - 1] === "") all.pop();
      for (const line of all) if (!scanner.line(line)) break;
    }
    scanner.done();
    if (flags.has("q") && matched > 0) break;
  }
  if (status === 2 && !(flags.has("q") && matched > 0)) return 2;
  return matched > 0 ? 0 : 1;
}

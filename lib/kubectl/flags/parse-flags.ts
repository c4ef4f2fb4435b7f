import { ParsedFlags, type FlagSpec, type FlagValue } from "./flag-spec";

/** A command-line mistake; printed as `error: <message>` plus the "See 'kubectl x --help'" line. */
export class FlagError extends Error {
  override name = "FlagError";
}

export type ParseResult = { flags: ParsedFlags; args: string[] };

/**
 * Parses argv as pflag does with interspersed arguments: `--name=value`, `--name value`, `-n value`, `-nvalue`,
 * `-n=value`, combined booleans (`-Aw`), `--` ending flags. Positional arguments keep their order.
 */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short ?? "", s]));
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(values, spec, arg.slice(eq + 1), `--${name}`);
      else if (spec.type === "bool") set(values, spec, "true", `--${name}`);
      else if (i + 1 < argv.length) set(values, spec, argv[++i] ?? "", `--${name}`);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      i = parseShorts(arg, argv, i, byShort, values);
      continue;
    }
    args.push(arg);
  }
  return { flags: new ParsedFlags(byName, values), args };
}

/** `-abc`: booleans until one takes a value, which is the rest of the word or the next argument. */
function parseShorts(arg: string, argv: string[], i: number, byShort: Map<string, FlagSpec>, values: Map<string, FlagValue>): number {
  const letters = arg.slice(1);
  for (let j = 0; j < letters.length; j++) {
    const letter = letters[j] ?? "";
    const spec = byShort.get(letter);
    if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`);
    const rest = letters.slice(j + 1);
    const label = `-${letter}, --${spec.name}`;
    if (rest.startsWith("=")) {
      set(values, spec, rest.slice(1), label);
      return i;
    }
    if (spec.type === "bool") {
      set(values, spec, "true", label);
      continue;
    }
    if (rest !== "") {
      set(values, spec, rest, label);
      return i;
    }
    if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${letter}' in ${arg}`);
    set(values, spec, argv[i + 1] ?? "", label);
    return i + 1;
  }
  return i;
}

function set(values: Map<string, FlagValue>, spec: FlagSpec, raw: string, label: string): void {
  const invalid = (detail: string) => new FlagError(`invalid argument "${raw}" for "${label}" flag: ${detail}`);
  switch (spec.type) {
    case "bool": {
      const parsed = parseBool(raw);
      if (parsed === undefined) throw invalid(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
      values.set(spec.name, parsed);
      return;
    }
    case "int": {
      if (!/^[+-]?\d+$/.test(raw)) throw invalid(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
      values.set(spec.name, Number(raw));
      return;
    }
    case "string":
      values.set(spec.name, raw);
      return;
    case "stringArray":
    case "stringSlice": {
      const previous = values.get(spec.name);
      const list = Array.isArray(previous) ? previous : [];
      const added = spec.type === "stringSlice" ? (raw === "" ? [] : raw.split(",")) : [raw];
      values.set(spec.name, [...list, ...added]);
      return;
    }
  }
}

// Go's strconv.ParseBool spellings.
function parseBool(raw: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(raw)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(raw)) return false;
  return undefined;
}

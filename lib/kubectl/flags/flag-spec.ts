/**
 * A flag as cobra/pflag declares it. `stringArray` flags repeat (`-L a -L b`); `stringSlice` flags also split
 * each value at commas (`--label-columns=a,b`), as pflag's StringSlice does.
 */
export type FlagType = "bool" | "string" | "int" | "stringArray" | "stringSlice";

export type FlagSpec = {
  name: string;
  /** One letter: `-n`. */
  short?: string;
  type: FlagType;
  /** Shown in help; the parsed value when the flag is absent is the type's zero value unless given here. */
  default?: string | boolean | number;
  description: string;
};

export type FlagValue = string | boolean | number | string[];

/** The flags a command line set, read with the accessor of the flag's type. */
export class ParsedFlags {
  constructor(
    private readonly specs: Map<string, FlagSpec>,
    private readonly values: Map<string, FlagValue>,
  ) {}

  /** Whether the user set the flag (pflag's `Changed`), as opposed to it holding its default. */
  changed(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string {
    const value = this.values.get(name) ?? this.spec(name).default ?? "";
    return String(value);
  }

  bool(name: string): boolean {
    const value = this.values.get(name) ?? this.spec(name).default ?? false;
    return value === true;
  }

  int(name: string): number {
    const value = this.values.get(name) ?? this.spec(name).default ?? 0;
    return Number(value);
  }

  strings(name: string): string[] {
    const value = this.values.get(name);
    if (Array.isArray(value)) return value;
    return [];
  }

  private spec(name: string): FlagSpec {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`flag --${name} is not declared by this command`);
    return spec;
  }
}

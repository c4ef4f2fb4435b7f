// JSONPath-lite for CRD additionalPrinterColumns: the subset real CRDs use.
//   .spec.replicas   .metadata.labels['app.kubernetes.io/name']   .metadata.labels.app\.kubernetes\.io/name
//   .spec.items[0]   .spec.items[-1]   .spec.items[1:3]   .spec.items[*].name   .spec.*
//   .status.conditions[?(@.type=="Ready")].status   [?(@.ready)]   [?(@.count>=2)]
// Braces (`{.spec.x}`) are accepted too. Missing keys give no results, as with AllowMissingKeys(true).

type Comparison = "==" | "!=" | "<" | "<=" | ">" | ">=";
type Literal = string | number | boolean | null;

type Step =
  | { kind: "field"; name: string }
  | { kind: "wildcard" }
  | { kind: "index"; index: number }
  | { kind: "slice"; start?: number; end?: number }
  | { kind: "filter"; path: Step[]; op?: Comparison; value?: Literal };

export class JSONPathError extends Error {}

export type CompiledPath = { steps: Step[]; source: string };

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(stopAt?: string): Step[] {
    const steps: Step[] = [];
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (stopAt && this.startsWithAny([stopAt, "==", "!=", "<", ">", ")"])) break;
      if (ch === ".") {
        this.pos++;
        if (this.text[this.pos] === "*") {
          this.pos++;
          steps.push({ kind: "wildcard" });
        } else if (this.text[this.pos] !== "[") {
          steps.push({ kind: "field", name: this.name() });
        }
      } else if (ch === "[") {
        steps.push(this.bracket());
      } else if (ch === " " && stopAt) {
        break;
      } else {
        throw new JSONPathError(`unexpected ${JSON.stringify(ch)} at ${this.pos} in ${this.text}`);
      }
    }
    return steps;
  }

  private startsWithAny(prefixes: string[]): boolean {
    return prefixes.some((p) => this.text.startsWith(p, this.pos));
  }

  private name(): string {
    let name = "";
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] ?? "";
      if (ch === "\\" && this.text[this.pos + 1] === ".") {
        name += ".";
        this.pos += 2;
        continue;
      }
      if (".[]()=!<> ".includes(ch)) break;
      name += ch;
      this.pos++;
    }
    if (name === "") throw new JSONPathError(`empty field name at ${this.pos} in ${this.text}`);
    return name;
  }

  private bracket(): Step {
    const close = (step: Step): Step => {
      this.skipSpaces();
      if (this.text[this.pos] !== "]") throw new JSONPathError(`missing ] at ${this.pos} in ${this.text}`);
      this.pos++;
      return step;
    };
    this.pos++; // [
    this.skipSpaces();
    const ch = this.text[this.pos];
    if (ch === "*") {
      this.pos++;
      return close({ kind: "wildcard" });
    }
    if (ch === "'" || ch === '"') return close({ kind: "field", name: this.quoted() });
    if (ch === "?") return close(this.filter());
    const body = this.until("]");
    if (/^\s*-?\d+\s*$/.test(body)) return close({ kind: "index", index: Number(body) });
    const slice = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*$/.exec(body);
    if (slice) {
      return close({
        kind: "slice",
        start: slice[1] === undefined ? undefined : Number(slice[1]),
        end: slice[2] === undefined ? undefined : Number(slice[2]),
      });
    }
    throw new JSONPathError(`unsupported subscript [${body}] in ${this.text}`);
  }

  private filter(): Step {
    if (!this.text.startsWith("?(", this.pos)) throw new JSONPathError(`bad filter in ${this.text}`);
    this.pos += 2;
    this.skipSpaces();
    if (this.text[this.pos] !== "@") throw new JSONPathError(`filter must start with @ in ${this.text}`);
    this.pos++;
    const path = this.parse(")");
    this.skipSpaces();
    let op: Comparison | undefined;
    let value: Literal | undefined;
    const match = /^(==|!=|<=|>=|<|>)/.exec(this.text.slice(this.pos));
    if (match) {
      op = match[1] as Comparison;
      this.pos += op.length;
      this.skipSpaces();
      value = this.literal();
      this.skipSpaces();
    }
    if (this.text[this.pos] !== ")") throw new JSONPathError(`missing ) in ${this.text}`);
    this.pos++;
    return { kind: "filter", path, op, value };
  }

  private literal(): Literal {
    const ch = this.text[this.pos];
    if (ch === "'" || ch === '"') return this.quoted();
    const word = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(this.text.slice(this.pos))?.[0];
    if (word === undefined) throw new JSONPathError(`bad literal at ${this.pos} in ${this.text}`);
    this.pos += word.length;
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    return Number(word);
  }

  private quoted(): string {
    const quote = this.text[this.pos];
    this.pos++;
    let out = "";
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      if (this.text[this.pos] === "\\" && this.pos + 1 < this.text.length) this.pos++;
      out += this.text[this.pos];
      this.pos++;
    }
    if (this.text[this.pos] !== quote) throw new JSONPathError(`unterminated string in ${this.text}`);
    this.pos++;
    return out;
  }

  private until(end: string): string {
    const at = this.text.indexOf(end, this.pos);
    if (at < 0) throw new JSONPathError(`missing ${end} in ${this.text}`);
    const body = this.text.slice(this.pos, at);
    this.pos = at;
    return body;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === " ") this.pos++;
  }
}

/** Parses a JSONPath (with or without the surrounding braces); throws JSONPathError when unsupported. */
export function compileJSONPath(source: string): CompiledPath {
  const trimmed = source.trim();
  const inner = trimmed.startsWith("{") && trimmed.endsWith("}") ? trimmed.slice(1, -1).trim() : trimmed;
  const parser = new Parser(inner.startsWith("$") ? inner.slice(1) : inner);
  return { steps: parser.parse(), source };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function compare(left: unknown, op: Comparison, right: Literal): boolean {
  if (op === "==") return left === right;
  if (op === "!=") return left !== right;
  if (typeof left === "number" && typeof right === "number") {
    return op === "<" ? left < right : op === "<=" ? left <= right : op === ">" ? left > right : left >= right;
  }
  if (typeof left === "string" && typeof right === "string") {
    return op === "<" ? left < right : op === "<=" ? left <= right : op === ">" ? left > right : left >= right;
  }
  return false;
}

function step(values: unknown[], s: Step): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    switch (s.kind) {
      case "field":
        if (isObject(value) && Object.hasOwn(value, s.name)) out.push(value[s.name]);
        break;
      case "wildcard":
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else if (isObject(value))
          out.push(
            ...Object.keys(value)
              .sort()
              .map((k) => value[k]),
          );
        break;
      case "index":
        if (Array.isArray(value)) {
          const i = s.index < 0 ? value.length + s.index : s.index;
          if (i >= 0 && i < value.length) out.push(value[i]);
        }
        break;
      case "slice":
        if (Array.isArray(value)) out.push(...(value as unknown[]).slice(s.start, s.end));
        break;
      case "filter":
        if (Array.isArray(value)) {
          for (const item of value as unknown[]) {
            const found = evaluate(s.path, item);
            if (s.op === undefined ? found.length > 0 : found.length > 0 && compare(found[0], s.op, s.value ?? null)) {
              out.push(item);
            }
          }
        }
        break;
    }
  }
  return out;
}

function evaluate(steps: Step[], root: unknown): unknown[] {
  return steps.reduce<unknown[]>((values, s) => step(values, s), [root]);
}

/** Every value the path selects, in document order; [] when a key is missing. */
export function findResults(path: CompiledPath, root: unknown): unknown[] {
  return evaluate(path.steps, root);
}

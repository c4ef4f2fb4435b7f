import { sortKeys } from "./sort-keys";

/**
 * kubectl's JSONPath templates (client-go util/jsonpath), with missing keys allowed as `get -o jsonpath` does:
 * text outside braces is literal; `{.a.b}`, `{.items[*].metadata.name}`, `{..name}`, `{$}`, `{@}`, `[0]`, `[-1]`,
 * `[1:3]`, `['key.with.dots']`, `[?(@.type=="Ready")]`, `[?(@.ready)]`, `{range .items[*]}…{end}`, `{"\n"}`.
 * Several results of one expression are separated by a space; maps and lists print as compact JSON.
 */
export class JsonPathError extends Error {}

type Step =
  | { kind: "root" }
  | { kind: "current" }
  | { kind: "field"; names: string[] }
  | { kind: "recursive"; name: string }
  | { kind: "wildcard" }
  | { kind: "index"; indexes: number[] }
  | { kind: "slice"; start?: number; end?: number; step?: number }
  | { kind: "filter"; path: Step[]; op?: string; value?: unknown };

type Node =
  | { kind: "text"; text: string }
  | { kind: "path"; steps: Step[] }
  | { kind: "range"; steps: Step[]; body: Node[] };

export type CompiledTemplate = { nodes: Node[] };

export function compileJsonPath(template: string): CompiledTemplate {
  const actions = splitActions(template);
  const stack: { body: Node[]; steps?: Step[] }[] = [{ body: [] }];
  for (const part of actions) {
    const top = stack[stack.length - 1] as { body: Node[] };
    if (part.kind === "text") {
      if (part.text) top.body.push({ kind: "text", text: part.text });
      continue;
    }
    const action = part.text.trim();
    if (/^range(?![\w-])/.test(action)) {
      stack.push({ body: [], steps: parsePath(action.slice(5).trim(), template) });
    } else if (action === "end") {
      const done = stack.pop();
      if (!done?.steps || stack.length === 0) throw new JsonPathError(`error parsing jsonpath ${template}, not in range, nothing to end`);
      (stack[stack.length - 1] as { body: Node[] }).body.push({ kind: "range", steps: done.steps, body: done.body });
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(action) || /^'[^']*'$/.test(action)) {
      top.body.push({ kind: "text", text: unquote(action) });
    } else {
      top.body.push({ kind: "path", steps: parsePath(action, template) });
    }
  }
  if (stack.length !== 1) throw new JsonPathError(`error parsing jsonpath ${template}, unclosed range`);
  return { nodes: stack[0]?.body ?? [] };
}

/** Runs a template on data (a kubectl object or List, as plain JSON). */
export function executeJsonPath(compiled: CompiledTemplate, data: unknown): string {
  return run(compiled.nodes, data, data);
}

/** The values one path expression selects (custom-columns uses this). */
export function selectJsonPath(expression: string, data: unknown): unknown[] {
  return evaluate(parsePath(expression.replace(/^\{|\}$/g, ""), expression), data, data);
}

/** A value as kubectl prints a JSONPath result: strings raw, maps and lists as compact JSON. */
export function formatJsonPathValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "object") return JSON.stringify(sortKeys(value)).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  // Numbers and booleans: JSON spells them as Go's fmt does.
  return JSON.stringify(value) ?? "";
}

function run(nodes: Node[], root: unknown, current: unknown): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "path") out += evaluate(node.steps, root, current).map(formatJsonPathValue).join(" ");
    else for (const item of evaluate(node.steps, root, current)) out += run(node.body, root, item);
  }
  return out;
}

function splitActions(template: string): { kind: "text" | "action"; text: string }[] {
  const parts: { kind: "text" | "action"; text: string }[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      parts.push({ kind: "text", text: template.slice(i) });
      break;
    }
    parts.push({ kind: "text", text: template.slice(i, open) });
    let j = open + 1;
    let quote = "";
    for (; j < template.length; j++) {
      const ch = template[j];
      if (quote) {
        if (ch === "\\") j++;
        else if (ch === quote) quote = "";
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "}") break;
    }
    if (j >= template.length) throw new JsonPathError(`error parsing jsonpath ${template}, unclosed action`);
    parts.push({ kind: "action", text: template.slice(open + 1, j) });
    i = j + 1;
  }
  return parts;
}

function unquote(text: string): string {
  const body = text.slice(1, -1);
  if (text.startsWith("'")) return body;
  return body.replace(/\\(.)/g, (_, ch: string) => ({ n: "\n", t: "\t", r: "\r" })[ch] ?? ch);
}

function parsePath(text: string, template: string): Step[] {
  const fail = (why: string) => new JsonPathError(`error parsing jsonpath ${template}, ${why}`);
  const steps: Step[] = [];
  let i = 0;
  if (text[0] === "$" || text[0] === "@") {
    steps.push({ kind: text[0] === "$" ? "root" : "current" });
    i++;
  }
  else if (text && !".[".includes(text[0] ?? "")) text = `.${text}`;
  const name = (): string => {
    let out = "";
    while (i < text.length && !".[]()=!<> ".includes(text[i] ?? "")) {
      if (text[i] === "\\" && i + 1 < text.length) i++;
      out += text[i];
      i++;
    }
    return out;
  };
  while (i < text.length) {
    const ch = text[i];
    if (text.startsWith("..", i)) {
      i += 2;
      steps.push({ kind: "recursive", name: name() });
    } else if (ch === ".") {
      i++;
      if (text[i] === "*") {
        steps.push({ kind: "wildcard" });
        i++;
      } else if (i < text.length && text[i] !== "[") steps.push({ kind: "field", names: [name()] });
    } else if (ch === "[") {
      const close = findClose(text, i);
      if (close < 0) throw fail("unterminated array");
      steps.push(parseBracket(text.slice(i + 1, close).trim(), template));
      i = close + 1;
    } else throw fail(`unrecognized character in action: ${JSON.stringify(ch)}`);
  }
  return steps;
}

function findClose(text: string, open: number): number {
  let depth = 0;
  let quote = "";
  for (let j = open; j < text.length; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return j;
  }
  return -1;
}

function parseBracket(inner: string, template: string): Step {
  if (inner === "*") return { kind: "wildcard" };
  if (inner.startsWith("?(") && inner.endsWith(")")) {
    const body = inner.slice(2, -1).trim();
    const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/.exec(body);
    if (!m) return { kind: "filter", path: parsePath(body, template) };
    return { kind: "filter", path: parsePath(m[1] ?? "", template), op: m[2] ?? "==", value: literal(m[3] ?? "") };
  }
  if (/^['"]/.test(inner)) return { kind: "field", names: inner.split(",").map((s) => s.trim().slice(1, -1)) };
  if (inner.includes(":")) {
    const [start, end, step] = inner.split(":").map((s) => (s.trim() === "" ? undefined : Number(s)));
    return { kind: "slice", ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}), ...(step !== undefined ? { step } : {}) };
  }
  const indexes = inner.split(",").map((s) => Number(s.trim()));
  if (indexes.some((n) => !Number.isInteger(n))) throw new JsonPathError(`error parsing jsonpath ${template}, invalid array index ${inner}`);
  return { kind: "index", indexes };
}

function literal(text: string): unknown {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  if (t === "true" || t === "false") return t === "true";
  const n = Number(t);
  return Number.isNaN(n) ? t : n;
}

function evaluate(steps: Step[], root: unknown, current: unknown): unknown[] {
  let values: unknown[] = [current];
  for (const step of steps) values = values.flatMap((v) => apply(step, v, root));
  return values;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function apply(step: Step, value: unknown, root: unknown): unknown[] {
  switch (step.kind) {
    case "root":
      return [root];
    case "current":
      return [value];
    case "field":
      return isObject(value) ? step.names.filter((n) => n in value).map((n) => value[n]) : [];
    case "wildcard":
      return Array.isArray(value) ? value : isObject(value) ? Object.keys(value).sort().map((k) => value[k]) : [];
    case "recursive":
      return descend(value, step.name);
    case "index":
      if (!Array.isArray(value)) return [];
      return step.indexes.map((n) => (n < 0 ? n + value.length : n)).filter((n) => n >= 0 && n < value.length).map((n): unknown => value[n]);
    case "slice": {
      if (!Array.isArray(value)) return [];
      const len = value.length;
      const norm = (n: number | undefined, dflt: number) => (n === undefined ? dflt : Math.min(len, Math.max(0, n < 0 ? n + len : n)));
      const out: unknown[] = [];
      for (let j = norm(step.start, 0); j < norm(step.end, len); j += step.step ?? 1) out.push(value[j]);
      return out;
    }
    case "filter": {
      const items = Array.isArray(value) ? value : [];
      return items.filter((item) => {
        const found = evaluate(step.path, root, item);
        if (step.op === undefined) return found.length > 0 && found[0] !== false && found[0] !== null;
        return found.some((f) => compare(f, step.op ?? "==", step.value));
      });
    }
  }
}

function descend(value: unknown, name: string): unknown[] {
  const out: unknown[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if (name in v) out.push(v[name]);
      for (const key of Object.keys(v).sort()) visit(v[key]);
    }
  };
  visit(value);
  return out;
}

function compare(left: unknown, op: string, right: unknown): boolean {
  if (op === "==") return left === right || String(left) === String(right);
  if (op === "!=") return !(left === right || String(left) === String(right));
  const [a, b]: [number | string, number | string] = typeof left === "number" && typeof right === "number" ? [left, right] : [String(left), String(right)];
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

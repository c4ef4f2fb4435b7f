// kubectl 1.35's `explain` output (its plaintext template), from an OpenAPI v3 group-version document.

type Schema = Record<string, unknown> & { description?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; allOf?: Schema[]; additionalProperties?: unknown; enum?: unknown[]; type?: string; $ref?: string };
export type OpenApiDoc = { components?: { schemas?: Record<string, Schema> } };

/** mitchellh/go-wordwrap's WrapString, which kubectl's word-wrap writer uses: breaks at spaces, keeps newlines. */
export function wrap(text: string, limit: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let space = "";
  const flush = () => {
    current += space.length + word.length;
    out += space + word;
    space = "";
    word = "";
  };
  for (const char of text) {
    if (char === "\n") {
      if (word === "") {
        if (current + space.length > limit) current = 0;
        else out += space;
        space = "";
      } else flush();
      out += "\n";
      current = 0;
    } else if (/\s/.test(char) && char !== "\u00a0") {
      if (space === "" || word !== "") flush();
      space += char;
    } else {
      word += char;
      if (current + space.length + word.length > limit && word.length < limit) {
        out += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (word === "") {
    if (current + space.length <= limit) out += space;
  } else out += space + word;
  return out;
}

const indent = (amount: number, text: string) => " ".repeat(amount) + text.replaceAll("\n", `\n${" ".repeat(amount)}`);
const isMap = (s: Schema) => s.additionalProperties !== undefined && typeof s.additionalProperties === "object" && s.additionalProperties !== null;

function resolve(ref: string | undefined, doc: OpenApiDoc): Schema | undefined {
  if (!ref) return undefined;
  return doc.components?.schemas?.[ref.split("/").pop() ?? ""];
}

export function typeGuess(schema: Schema, doc: OpenApiDoc): string {
  if (schema.items) return `[]${typeGuess(schema.items, doc)}`;
  if (isMap(schema)) return `map[string]${typeGuess(schema.additionalProperties as Schema, doc)}`;
  if (schema.allOf && !schema.properties && schema.allOf.length === 1) return typeGuess(schema.allOf[0]!, doc);
  if (schema.$ref) {
    const target = resolve(schema.$ref, doc);
    if (!target || !target.type || target.type === "object") return schema.$ref.split("/").pop()?.split(".").pop() || "Object";
    return target.type;
  }
  return schema.type === "object" ? "Object" : schema.type || "Object";
}

function description(schema: Schema, doc: OpenApiDoc): string {
  const s = resolve(schema.$ref, doc) ?? schema;
  let text = s.description ? `${s.description}\n` : "";
  for (const sub of s.allOf ?? []) text += description(sub, doc);
  if (s.items) text += description(s.items, doc);
  if (isMap(s)) text += description(s.additionalProperties as Schema, doc);
  return text;
}

const enumText = (e: unknown) => (e === "" ? '""' : String(e));

function fieldDetail(name: string, parent: Schema, level: number, short: boolean, doc: OpenApiDoc): string {
  const pad = level * 2;
  const field = parent.properties![name]!;
  let text = `${indent(pad, name)}\t<${typeGuess(field, doc)}>${(parent.required ?? []).includes(name) ? " -required-" : ""}`;
  if (field.enum && field.enum.length > 0) {
    const shown = field.enum.slice(0, 4).map(enumText).join(", ");
    text += `\n${" ".repeat(pad)}enum: ${shown}${field.enum.length > 4 ? ", ...." : ""}`;
  }
  text += "\n";
  if (!short) text += `${indent(pad + 2, wrap(field.description || "<no description>", 78 - pad))}\n\n`;
  return text;
}

function fieldList(schema: Schema, level: number, recursive: boolean, doc: OpenApiDoc, history: Set<string>): string {
  const ref = schema.$ref ?? "";
  if (ref && history.has(ref)) return "";
  const seen = new Set(history).add(ref);
  const s = resolve(ref, doc) ?? schema;
  let text = "";
  for (const name of Object.keys(s.properties ?? {}).sort()) {
    text += fieldDetail(name, s, level, recursive, doc);
    if (recursive) text += fieldList(s.properties![name]!, level + 1, recursive, doc, seen);
  }
  for (const sub of s.allOf ?? []) text += fieldList(sub, level, recursive, doc, seen);
  if (s.items) text += fieldList(s.items, level, recursive, doc, seen);
  if (isMap(s)) text += fieldList(s.additionalProperties as Schema, level, recursive, doc, seen);
  return text;
}

/** The part after the KIND/VERSION header; undefined when the field path does not exist. */
function output(schema: Schema, path: string[], recursive: boolean, doc: OpenApiDoc, history: Set<string>): string | undefined {
  const ref = schema.$ref ?? "";
  const next = new Set(history).add(ref);
  const s = resolve(ref, doc) ?? schema;
  if (path.length === 0) {
    let text = `DESCRIPTION:\n${indent(4, wrap(description(s, doc) || "<empty>", 76))}\n`;
    const fields = fieldList(s, 1, recursive, doc, new Set());
    if (fields) text += `FIELDS:\n${fields}`;
    return text;
  }
  if (ref && history.has(ref)) return undefined;
  const [first, ...rest] = path;
  const sub = s.properties?.[first!];
  if (sub) {
    let text = "";
    if (rest.length === 0) {
      text += `FIELD: ${first} <${typeGuess(sub, doc)}>\n`;
      if (sub.enum && sub.enum.length > 0) text += `ENUM:${sub.enum.map((e) => `\n    ${enumText(e)}`).join("")}`;
      text += "\n\n";
    }
    const inner = output(sub, rest, recursive, doc, new Set());
    return inner === undefined ? undefined : text + inner;
  }
  if (s.items) return output(s.items, path, recursive, doc, next);
  if (isMap(s)) return output(s.additionalProperties as Schema, path, recursive, doc, next);
  for (const alternative of s.allOf ?? []) {
    const found = output(alternative, path, recursive, doc, next);
    if (found) return found;
  }
  return undefined;
}

/** The whole explain text for a kind in `doc`, or the error kubectl prints. */
export function explainText(doc: OpenApiDoc, gvk: { group: string; version: string; kind: string }, path: string[], recursive: boolean): { text: string } | { error: string; header?: string } {
  const schema = Object.values(doc.components?.schemas ?? {}).find((s) =>
    ((s["x-kubernetes-group-version-kind"] ?? []) as { group: string; version: string; kind: string }[]).some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind),
  );
  if (!schema) return { error: `GVK ${gvk.group}/${gvk.version}, Kind=${gvk.kind} not found in OpenAPI schema` };
  const header = `${gvk.group ? `GROUP:      ${gvk.group}\n` : ""}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const body = output(schema, path, recursive, doc, new Set());
  // kubectl has printed the header by the time its template finds the field missing.
  if (body === undefined || body === "") return { error: `field "${path.at(-1) ?? ""}" does not exist`, header };
  return { text: `${header}${body}\n` };
}

import { expandBraces } from "./brace-expansion";
import { normalizePath } from "./paths";
import type { Word } from "./shell-syntax";
import type { VirtualFs } from "./virtual-fs";

export type ExpandContext = {
  lookup(name: string): string | undefined;
  home: string;
  cwd: string;
  fs: VirtualFs;
  /** Runs `$(…)`'s source and returns its output. */
  substitute(source: string): Promise<string>;
};

/** A field being built: its text, and which characters are live glob characters (unquoted `*`, `?`, `[`). */
type Field = { text: string; live: Set<number> };

/** Expands words as bash does: parameters, `$(…)`, `~`, field splitting of unquoted expansions, then globs. */
export async function expandWords(words: Word[], context: ExpandContext): Promise<string[]> {
  const out: string[] = [];
  for (const word of words.flatMap(expandBraces)) {
    for (const field of await expandFields(word, context)) out.push(...(await glob(field, context)));
  }
  return out;
}

/** One word to one string, without splitting or globbing (assignments, redirection targets, here-documents). */
export async function expandString(word: Word, context: ExpandContext): Promise<string> {
  let text = "";
  for (const part of word) {
    if (part.kind === "text") text += part.text;
    else if (part.kind === "tilde") text += context.home;
    else text += await valueOf(part, context);
  }
  return text;
}

async function valueOf(part: Exclude<Word[number], { kind: "text" | "tilde" }>, context: ExpandContext): Promise<string> {
  if (part.kind === "command") return (await context.substitute(part.source)).replace(/\n+$/, "");
  const value = context.lookup(part.name);
  if ((value === undefined || value === "") && part.fallback) return expandString(part.fallback, context);
  return value ?? "";
}

async function expandFields(word: Word, context: ExpandContext): Promise<Field[]> {
  const fields: Field[] = [];
  let current: Field | undefined;
  const open = () => (current ??= { text: "", live: new Set() });
  const close = () => {
    if (current) fields.push(current);
    current = undefined;
  };
  for (const part of word) {
    if (part.kind === "tilde") open().text += context.home;
    else if (part.kind === "text") {
      const field = open();
      if (!part.quoted) {
        for (let i = 0; i < part.text.length; i++) if ("*?[".includes(part.text[i]!)) field.live.add(field.text.length + i);
      }
      field.text += part.text;
    } else {
      const value = await valueOf(part, context);
      if (part.quoted) {
        open().text += value;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, index) => {
        if (index > 0) close();
        if (piece !== "") open().text += piece;
      });
    }
  }
  close();
  return fields;
}

async function glob(field: Field, context: ExpandContext): Promise<string[]> {
  if (field.live.size === 0) return [field.text];
  const slash = field.text.lastIndexOf("/");
  // Only the last path component may hold wildcards here.
  if ([...field.live].some((index) => index < slash)) return [field.text];
  const prefix = field.text.slice(0, slash + 1);
  let pattern = "";
  const name = field.text.slice(slash + 1);
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const live = field.live.has(slash + 1 + i);
    if (live && c === "*") pattern += ".*";
    else if (live && c === "?") pattern += ".";
    else if (live && c === "[" && name.indexOf("]", i + 2) > 0) {
      const end = name.indexOf("]", i + 2);
      const body = name.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
      pattern += `[${body}]`;
      i = end;
    } else pattern += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^${pattern}$`, "s");
  } catch {
    return [field.text];
  }
  const dir = prefix === "" ? context.cwd : normalizePath(prefix.startsWith("/") ? prefix : `${context.cwd}/${prefix}`);
  let names: string[];
  try {
    names = (await context.fs.list(dir)).map((entry) => entry.name);
  } catch {
    return [field.text];
  }
  const matches = names.filter((entry) => regex.test(entry) && (!entry.startsWith(".") || name.startsWith(".")));
  return matches.length > 0 ? matches.map((entry) => prefix + entry) : [field.text];
}

import { resolvePath } from "./paths";
import type { Shell } from "./shell";
import type { ArgumentCompleter } from "./terminal-session";

export type Completion = {
  /** Text to insert at the cursor. */
  insert: string;
  /** Several candidates and no common prefix to add: show them. */
  list?: string[];
};

const LEADING_WORDS = new Set(["do", "then", "else", "elif", "if", "while", "until", "!", "time"]);

/**
 * Tab completion for the text before the cursor: a command name in command position, else the program's own
 * completer (kubectl's verbs, types, names), else file names.
 */
export async function complete(before: string, shell: Shell, completers: Record<string, ArgumentCompleter>): Promise<Completion> {
  const start = wordStart(before);
  const word = before.slice(start);
  const segment = before.slice(0, start).split(/\|\||&&|[|;&]/).pop() ?? "";
  const words = segment.trim() === "" ? [] : segment.trim().split(/\s+/);
  // Leading assignments (NS=x kubectl …) and reserved words (do, then, !) come before the command's name.
  while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || LEADING_WORDS.has(words[0]!))) words.shift();
  const commandPosition = words.length === 0;
  let candidates: { text: string; final: boolean }[];
  if (commandPosition && !word.includes("/")) {
    candidates = shell.commandNames().filter((name) => name.startsWith(word)).map((text) => ({ text, final: true }));
  } else {
    candidates = [];
    const aliased = words[0] !== undefined ? shell.aliases.get(words[0]) : undefined;
    const argv = aliased !== undefined ? [...aliased.split(/\s+/), ...words.slice(1)] : words;
    const completer = argv[0] !== undefined ? completers[argv[0]] : undefined;
    if (completer) {
      try {
        const found = await completer(argv, word, { cwd: shell.cwd, env: new Map(shell.env), fs: shell.fs });
        candidates = found.filter((c) => c.startsWith(word)).map((text) => ({ text, final: !/[/=]$/.test(text) }));
      } catch {
        candidates = [];
      }
    }
    if (candidates.length === 0) candidates = await fileCandidates(word, shell, argv[0] === "cd");
  }
  const unique = [...new Map(candidates.map((c) => [c.text, c])).values()].sort((a, b) => (a.text < b.text ? -1 : 1));
  if (unique.length === 0) return { insert: "" };
  if (unique.length === 1) {
    const only = unique[0]!;
    return { insert: escapeWord(only.text.slice(word.length)) + (only.final ? " " : "") };
  }
  const prefix = commonPrefix(unique.map((c) => c.text));
  if (prefix.length > word.length) return { insert: escapeWord(prefix.slice(word.length)) };
  const slash = word.lastIndexOf("/");
  return { insert: "", list: unique.map((c) => (slash >= 0 && c.text.startsWith(word.slice(0, slash + 1)) ? c.text.slice(slash + 1) : c.text)) };
}

async function fileCandidates(word: string, shell: Shell, dirsOnly: boolean): Promise<{ text: string; final: boolean }[]> {
  const slash = word.lastIndexOf("/");
  const dirTyped = slash >= 0 ? word.slice(0, slash + 1) : "";
  const base = word.slice(slash + 1);
  const dir = resolvePath(shell.cwd, dirTyped === "" ? "." : dirTyped, shell.home);
  try {
    const entries = await shell.fs.list(dir);
    return entries
      .filter((e) => e.name.startsWith(base) && (!e.name.startsWith(".") || base.startsWith(".")) && (!dirsOnly || e.kind === "dir"))
      .map((e) => ({ text: dirTyped + e.name + (e.kind === "dir" ? "/" : ""), final: e.kind !== "dir" }));
  } catch {
    return [];
  }
}

/** Where the word under the cursor starts: after the last unescaped blank or operator. */
function wordStart(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (" \t|;&<>(".includes(text[i]!) && text[i - 1] !== "\\") return i + 1;
  }
  return 0;
}

function commonPrefix(texts: string[]): string {
  let prefix = texts[0] ?? "";
  for (const text of texts) while (!text.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function escapeWord(text: string): string {
  return text.replace(/([ \t'"\\$`|&;<>()*?])/g, "\\$1");
}

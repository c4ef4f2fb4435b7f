/** The shell's syntax tree: what shell-parser.ts produces and the interpreter runs. */

export type WordPart =
  /** Literal text; `quoted` text is neither split into fields nor globbed. */
  | { kind: "text"; text: string; quoted: boolean }
  /** $NAME, ${NAME}, $?, ${NAME:-default}. */
  | { kind: "param"; name: string; quoted: boolean; fallback?: Word }
  /** $(...) or `...`: the inner source is parsed and run when the word is expanded. */
  | { kind: "command"; source: string; quoted: boolean }
  /** A leading unquoted `~` (home directory). */
  | { kind: "tilde" };

export type Word = WordPart[];

export type Redirect =
  | { fd: number; op: ">" | ">>" | "<"; target: Word }
  /** 2>&1: fd becomes a copy of `to`. */
  | { fd: number; op: "dup"; to: number }
  | { fd: 0; op: "heredoc"; delimiter: string; stripTabs: boolean; expand: boolean; body: Word };

export type Assignment = { name: string; value: Word };

/** A simple command; with `compound` set it is a for/while/until/if instead (words empty, redirects apply to it). */
export type SimpleCommand = { assignments: Assignment[]; words: Word[]; redirects: Redirect[]; compound?: Compound };

export type Compound =
  /** `for NAME in WORDS; do BODY; done` (no `in`: no iterations, as there are no positional parameters). */
  | { kind: "for"; name: string; words: Word[]; body: Script }
  | { kind: "while"; until: boolean; condition: Script; body: Script }
  | { kind: "if"; branches: { condition: Script; body: Script }[]; otherwise?: Script };

export type Pipeline = { commands: SimpleCommand[]; negated: boolean };

export type AndOrList = { first: Pipeline; rest: { op: "&&" | "||"; pipeline: Pipeline }[] };

export type Script = AndOrList[];

export type ParseResult =
  | { ok: true; script: Script }
  /** The input stops in the middle of something (a quote, a here-document, a trailing `|`): more lines may finish it. */
  | { ok: false; incomplete: true; message: string; heredoc?: { delimiter: string; stripTabs: boolean } }
  | { ok: false; incomplete: false; message: string };

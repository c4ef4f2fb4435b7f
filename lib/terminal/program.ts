import type { VirtualFs } from "./virtual-fs";

/**
 * What every program the terminal runs gets — kubectl, cat, grep, the editor, the shell's builtins — like a
 * process's argv, file descriptors, environment and working directory. Programs are plain async functions
 * that resolve to their exit status; they never see the socket, the session or the database.
 */
export type ProgramContext = {
  /** argv[0] is the program's name as typed (after alias expansion). */
  argv: string[];
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** The shell's environment (HOME, PATH-free, KUBECONFIG, …); a program's own changes do not reach the shell. */
  env: Map<string, string>;
  /** Absolute, normalised. */
  cwd: string;
  fs: VirtualFs;
  /** Aborted by Ctrl-C (SIGINT) or the session ending; long-running programs (get -w, logs -f, watch, sleep) stop. */
  signal: AbortSignal;
  /** Present when stdout is the terminal itself (not a pipe or a file): size and, in the foreground, raw keys. */
  tty?: Tty;
  now(): Date;
};

export type Program = (ctx: ProgramContext) => Promise<number>;

/** Text in; read() resolves to the next chunk, or null at end of input. */
export interface InputStream {
  read(): Promise<string | null>;
}

/** Text out, with "\n" line ends (the session turns them into "\r\n" for the terminal). */
export interface OutputStream {
  write(text: string): void;
}

export type Tty = {
  columns: number;
  rows: number;
  /**
   * The raw keystrokes typed while this program runs in the foreground (escape sequences as xterm sends them),
   * for full-screen and interactive programs (the editor, `kubectl edit`, `exec -it`). Ends when the program
   * should stop reading.
   */
  keys: AsyncIterable<string>;
  /** Called with the new size when the terminal is resized. */
  onResize(listener: (columns: number, rows: number) => void): () => void;
};

/** Reads an input stream to its end (what most filters do with stdin). */
export async function readAll(input: InputStream): Promise<string> {
  let text = "";
  for (let chunk = await input.read(); chunk !== null; chunk = await input.read()) text += chunk;
  return text;
}

/** An input stream over a fixed text (a here-document, a file's contents, nothing). */
export function textInput(text: string): InputStream {
  let done = text === "";
  return {
    read: () => {
      if (done) return Promise.resolve(null);
      done = true;
      return Promise.resolve(text);
    },
  };
}

import type { InputStream, OutputStream, Tty } from "./program";
import { CookedInput, KeyQueue } from "./terminal-input";

// eslint-disable-next-line no-control-regex -- escape sequences are what this strips
const ANSI = /\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])/g;

/**
 * The job in the foreground: what a running command line gets from the terminal (stdin in cooked mode, raw
 * keys, size, Ctrl-C as its abort signal) and what the session needs to take the terminal back afterwards.
 */
export class Foreground {
  readonly controller = new AbortController();
  readonly cooked: CookedInput;
  readonly keys = new KeyQueue();
  /** False once the shell has taken the terminal back: late output is dropped. */
  live = true;
  /** Whether the program left the terminal on the alternate screen (the session switches back). */
  altScreen = false;
  /** The program's last visible output did not end its line: the prompt must start on a fresh one. */
  midLine = false;
  readonly tty: Tty;
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  private readonly resizeListeners = new Set<(columns: number, rows: number) => void>();

  /**
   * `write` receives the program's text, `echo` the cooked-mode echo, and `wantsInput` is called when the program
   * starts reading stdin or raw keys (so typeahead already waiting can be handed over).
   */
  constructor(
    size: { columns: number; rows: number },
    write: (text: string) => void,
    echo: (text: string) => void,
    wantsInput: () => void,
  ) {
    this.cooked = new CookedInput((text) => this.live && echo(text));
    this.stdout = {
      write: (text) => {
        if (!this.live || typeof text !== "string" || text === "") return;
        const on = text.lastIndexOf("\x1b[?1049h");
        const off = text.lastIndexOf("\x1b[?1049l");
        if (on >= 0 || off >= 0) this.altScreen = on > off;
        if (!this.altScreen) {
          const visible = (off >= 0 ? text.slice(off) : text).replace(ANSI, "");
          if (visible !== "") this.midLine = !visible.endsWith("\n");
          else if (off >= 0) this.midLine = false;
        }
        write(text);
      },
    };
    this.stdin = {
      read: () => {
        const chunk = this.cooked.read();
        wantsInput();
        return chunk;
      },
    };
    const keys = this.keys;
    this.tty = {
      columns: size.columns,
      rows: size.rows,
      keys: {
        [Symbol.asyncIterator]: () => {
          const iterator = keys[Symbol.asyncIterator]();
          queueMicrotask(wantsInput);
          return iterator;
        },
      },
      onResize: (listener) => {
        this.resizeListeners.add(listener);
        return () => this.resizeListeners.delete(listener);
      },
    };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  resize(columns: number, rows: number): void {
    this.tty.columns = columns;
    this.tty.rows = rows;
    for (const listener of this.resizeListeners) listener(columns, rows);
  }

  /** Ctrl-C or the session closing: abort, and end pending reads. */
  interrupt(): void {
    this.controller.abort();
    this.cooked.close();
    this.keys.close();
  }

  /** The shell has the terminal back. */
  release(): void {
    this.live = false;
    this.keys.close();
    this.cooked.close();
  }
}

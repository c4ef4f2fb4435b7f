import { decodeKeyAt } from "./key-decoder";
import type { InputStream } from "./program";

/**
 * The terminal as a program's stdin, in cooked mode like a tty's line discipline: typed characters are echoed,
 * Backspace edits the line, Enter hands it over, Ctrl-D on an empty line is end of input.
 */
export class CookedInput implements InputStream {
  private line = "";
  private ready: string[] = [];
  private eof = false;
  private waiter: ((chunk: string | null) => void) | undefined;

  constructor(
    private readonly echo: (text: string) => void,
    private readonly limit = 64 * 1024,
  ) {}

  /** True while a program waits for a line: input then goes here instead of the shell's typeahead. */
  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  read(): Promise<string | null> {
    if (this.ready.length > 0) {
      const text = this.ready.join("");
      this.ready = [];
      return Promise.resolve(text);
    }
    if (this.eof) {
      this.eof = false;
      return Promise.resolve(null);
    }
    return new Promise((resolve) => (this.waiter = resolve));
  }

  feed(data: string): void {
    for (let i = 0; i < data.length; ) {
      const { key, length } = decodeKeyAt(data, i);
      i += length;
      if (!key) continue;
      if (key.kind === "text") {
        const text = key.text.slice(0, Math.max(0, this.limit - this.line.length));
        this.line += text;
        this.echo(text);
      } else if (key.name === "enter") {
        this.echo("\r\n");
        this.deliver(this.line + "\n");
        this.line = "";
      } else if (key.name === "backspace" && this.line !== "") {
        this.line = this.line.slice(0, -1);
        this.echo("\b \b");
      } else if (key.name === "ctrl-u") {
        this.echo("\b \b".repeat(this.line.length));
        this.line = "";
      } else if (key.name === "ctrl-d") {
        if (this.line === "") this.deliver(null);
        else {
          this.deliver(this.line);
          this.line = "";
        }
      }
    }
  }

  private deliver(chunk: string | null): void {
    const wake = this.waiter;
    this.waiter = undefined;
    if (wake) return wake(chunk);
    if (chunk === null) this.eof = true;
    else this.ready.push(chunk);
  }

  /** Ends any pending read (the program was interrupted). */
  close(): void {
    this.deliver(null);
  }
}

/** Raw keystrokes for a full-screen program: an async iterable that ends when the program stops or is closed. */
export class KeyQueue implements AsyncIterable<string> {
  private chunks: string[] = [];
  private waiter: ((result: IteratorResult<string>) => void) | undefined;
  private closed = false;
  /** True while a program iterates the keys (the terminal is in raw mode). */
  active = false;

  push(data: string): void {
    if (this.closed) return;
    const wake = this.waiter;
    this.waiter = undefined;
    if (wake) wake({ value: data, done: false });
    else if (this.chunks.length < 10_000) this.chunks.push(data);
  }

  close(): void {
    this.closed = true;
    this.active = false;
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    this.active = !this.closed;
    return {
      next: () => {
        const chunk = this.chunks.shift();
        if (chunk !== undefined) return Promise.resolve({ value: chunk, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiter = resolve));
      },
      // One program stopping (nano in `nano a; nano b`) leaves the keys for the next; only the session closes them.
      return: () => {
        this.active = false;
        const wake = this.waiter;
        this.waiter = undefined;
        wake?.({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

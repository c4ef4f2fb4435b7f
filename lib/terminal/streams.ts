import type { InputStream, OutputStream } from "./program";
import type { VirtualFs } from "./virtual-fs";

/** More than this waiting in one pipe is dropped: a fast writer into a stalled reader must not fill memory. */
export const PIPE_BUFFER_LIMIT = 8 * 1024 * 1024;

/**
 * A pipe between two stages of a pipeline: chunks flow as they are written, so `kubectl get pods -w | grep web`
 * streams. When the reader finishes early (`| head -n 1`), later writes are dropped and `onReaderGone` tells
 * the writer to stop, as SIGPIPE would.
 */
export class Pipe implements InputStream, OutputStream {
  private chunks: string[] = [];
  private buffered = 0;
  private closed = false;
  private readerGone = false;
  private waiter: ((chunk: string | null) => void) | undefined;
  onReaderGone: (() => void) | undefined;

  write(text: string): void {
    if (this.closed || this.readerGone || text === "") return;
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = undefined;
      wake(text);
      return;
    }
    if (this.buffered + text.length > PIPE_BUFFER_LIMIT) return;
    this.chunks.push(text);
    this.buffered += text.length;
  }

  read(): Promise<string | null> {
    if (this.chunks.length > 0) {
      const text = this.chunks.join("");
      this.chunks = [];
      this.buffered = 0;
      return Promise.resolve(text);
    }
    if (this.closed || this.readerGone) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** The writer is done: the reader sees the end after what is buffered. */
  close(): void {
    this.closed = true;
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.(null);
  }

  /** The reader is done: nothing more will be read. */
  abandon(): void {
    if (this.readerGone) return;
    this.readerGone = true;
    this.chunks = [];
    this.buffered = 0;
    this.close();
    this.onReaderGone?.();
  }
}

/** Collects output in memory up to a limit (command substitution, watch, tests). */
export class TextSink implements OutputStream {
  text = "";
  constructor(private readonly limit = 4 * 1024 * 1024) {}
  write(text: string): void {
    if (this.text.length + text.length <= this.limit) this.text += text;
  }
}

/** Output that goes nowhere (2>/dev/null). */
export const nullOutput: OutputStream = { write: () => undefined };

/**
 * Output redirected to a file. Writes are sync for programs, the file system is async: chunks queue up and are
 * appended in the background, one write in flight at a time; `finish()` waits for the last one and reports a failure.
 */
export class FileSink implements OutputStream {
  private pending = "";
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly fs: VirtualFs,
    private readonly path: string,
  ) {}

  write(text: string): void {
    if (this.failure !== undefined || text === "") return;
    if (this.pending.length + text.length > PIPE_BUFFER_LIMIT) return;
    this.pending += text;
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    while (this.pending !== "" && this.failure === undefined) {
      const chunk = this.pending;
      this.pending = "";
      try {
        await this.fs.writeFile(this.path, chunk, { append: true });
      } catch (error) {
        this.failure = error;
      }
    }
    this.flushing = undefined;
  }

  /** Resolves when everything written has reached the file; rejects with the first write's failure. */
  async finish(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure !== undefined) throw this.failure as Error;
  }
}

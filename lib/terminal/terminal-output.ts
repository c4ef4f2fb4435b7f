/**
 * The session's screen output: batches writes into one message per tick (or per 64 KiB), hands them to the
 * listeners, and turns programs' "\n" line ends into the "\r\n" a terminal needs.
 */
export class TerminalOutput {
  private readonly listeners = new Set<(data: string) => void>();
  private pending = "";
  private scheduled = false;
  private closed = false;
  /** Last character written, so a "\r" ending one chunk and "\n" starting the next stay one line end. */
  private lastChar = "";

  subscribe(listener: (data: string) => void): () => void {
    if (!this.closed) this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Terminal text as is (the shell's own output: prompts, echo, redraws). */
  write(text: string): void {
    if (text === "" || this.closed) return;
    this.pending += text;
    this.lastChar = text[text.length - 1]!;
    if (this.pending.length > 64 * 1024) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** A program's text: lone "\n" becomes "\r\n". */
  writeProgram(text: string): void {
    let converted = text.replace(/(^|[^\r])\n/g, "$1\r\n");
    if (text.startsWith("\n") && this.lastChar === "\r") converted = converted.slice(1);
    this.write(converted);
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === "") return;
    const data = this.pending;
    this.pending = "";
    for (const listener of [...this.listeners]) {
      try {
        listener(data);
      } catch {
        // A failing listener is the server's problem, not the shell's.
      }
    }
  }

  close(): void {
    this.closed = true;
    this.pending = "";
    this.listeners.clear();
  }
}

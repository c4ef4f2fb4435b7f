import { complete } from "./completion";
import { formatColumns } from "./format-columns";
import { Foreground } from "./foreground";
import { decodeKeyAt } from "./key-decoder";
import { LineEditor } from "./line-editor";
import { LineView } from "./line-view";
import { tildePath } from "./paths";
import { Shell } from "./shell";
import { describeError } from "./shell-io";
import { parseShell } from "./shell-parser";
import { TerminalOutput } from "./terminal-output";
import type { TerminalSession, TerminalSessionOptions } from "./terminal-session";

/** Pending input beyond this is dropped (with one line saying so): a flood cannot grow memory without bound. */
const MAX_PENDING_INPUT = 4 * 1024 * 1024;
/** A command with its continuation lines and here-documents may not grow past this. */
const MAX_COMMAND_LENGTH = 1024 * 1024;
const MAX_HISTORY = 2000;
/** A pasted manifest of megabytes runs, but is not kept in history. */
const MAX_HISTORY_ENTRY = 64 * 1024;
/** After Ctrl-C, how long a program gets to stop (and restore the screen) before the shell takes the terminal back. */
const INTERRUPT_GRACE_MS = 250;
const HISTORY_LOAD_TIMEOUT_MS = 3000;

/** The interactive shell behind one terminal: input → line editor → parser → interpreter → screen. */
export class ShellSession implements TerminalSession {
  private readonly output = new TerminalOutput();
  private readonly history: string[] = [];
  private shell: Shell;
  private readonly editor: LineEditor;
  private readonly view = new LineView();
  private columns: number;
  private rows: number;
  private mode: "loading" | "edit" | "busy" | "closed" = "loading";
  private inbox = "";
  private inboxAt = 0;
  private pendingSource: string | undefined;
  /** While a here-document's body is being typed: its end line (other lines are appended without re-parsing). */
  private pendingHeredoc: { delimiter: string; stripTabs: boolean } | undefined;
  private foreground: Foreground | undefined;
  /** Notices that came while a full-screen program ran: shown when it exits, so its screen is not scribbled over. */
  private deferredNotices = "";

  constructor(private readonly options: TerminalSessionOptions) {
    this.columns = 80;
    this.rows = 24;
    this.resize(options.columns, options.rows);
    this.shell = this.freshShell();
    this.editor = new LineEditor(this.history);
    void this.start();
  }

  input(data: string): void {
    try {
      this.accept(String(data));
    } catch (error) {
      this.emit(`\r\n-bash: internal error: ${describeError(error)}\r\n`);
      this.recover();
    }
    this.flush();
  }

  resize(columns: number, rows: number): void {
    if (!Number.isFinite(columns) || !Number.isFinite(rows)) return;
    this.columns = Math.max(1, Math.min(1000, Math.floor(columns)));
    this.rows = Math.max(1, Math.min(500, Math.floor(rows)));
    this.foreground?.resize(this.columns, this.rows);
  }

  onOutput(listener: (data: string) => void): () => void {
    return this.output.subscribe(listener);
  }

  announce(text: string): void {
    if (this.mode === "closed") return;
    const notice = text.replace(/\r?\n/g, "\r\n") + "\r\n";
    const fg = this.foreground;
    if (fg?.altScreen) this.deferredNotices += notice;
    else if (fg) {
      // Under the program's output, on a line of its own; the program goes on from column 0.
      this.emit((fg.midLine ? "\r\n" : "") + notice);
      fg.midLine = false;
    } else if (this.mode === "loading") this.emit(notice);
    else {
      // As readline does for a message: erase the prompt and the line being typed, print, draw them again below.
      this.emit(this.view.clear() + notice);
      this.redraw();
    }
    this.flush();
  }

  close(): void {
    if (this.mode === "closed") return;
    this.mode = "closed";
    this.interruptForeground();
    this.output.close();
    this.inbox = "";
    this.inboxAt = 0;
  }

  private freshShell(): Shell {
    return new Shell(this.options, this.history);
  }

  private async start(): Promise<void> {
    try {
      await this.options.fs.mkdir(this.options.home, { parents: true });
    } catch {
      // A home that cannot be created still leaves a usable shell (cd will say so).
    }
    try {
      // A history store that never answers must not keep the prompt away.
      const loaded = await Promise.race([this.options.history.load(), new Promise<string[]>((resolve) => setTimeout(() => resolve([]), HISTORY_LOAD_TIMEOUT_MS))]);
      this.history.push(...loaded.slice(-MAX_HISTORY).filter((line) => typeof line === "string"));
      this.editor.reset();
    } catch {
      // No history is better than no shell.
    }
    if (this.mode === "closed") return;
    this.mode = "edit";
    this.prompt();
    this.pump();
    this.flush();
  }

  private accept(data: string): void {
    if (this.mode === "closed" || data === "") return;
    const fg = this.foreground;
    if (this.mode === "busy" && fg && !fg.keys.active) {
      const interrupt = data.lastIndexOf("\x03");
      if (interrupt >= 0) {
        // Like a tty on SIGINT: typeahead before ^C is discarded.
        this.inbox = "";
        this.inboxAt = 0;
        data = data.slice(interrupt + 1);
        this.interruptForeground();
      }
    }
    if (this.inbox.length - this.inboxAt + data.length > MAX_PENDING_INPUT) {
      this.emit("\r\n-bash: input discarded: too much pending input\r\n");
      return;
    }
    this.inbox = this.inbox.slice(this.inboxAt) + data;
    this.inboxAt = 0;
    this.pump();
  }

  /** Hands pending input to whoever reads it now: the line editor, a running program's keys or stdin. */
  private pump(): void {
    const fg = this.foreground;
    if (this.mode === "busy" && fg) {
      if (this.inboxAt >= this.inbox.length) return;
      if (fg.keys.active) fg.keys.push(this.takeInbox());
      else if (fg.cooked.waiting) fg.cooked.feed(this.takeInbox());
      return;
    }
    while (this.mode === "edit" && this.inboxAt < this.inbox.length) {
      const { key, length } = decodeKeyAt(this.inbox, this.inboxAt);
      this.inboxAt += length;
      if (!key) continue;
      // Show typed text before a key that may end the line (Enter, ^C) acts on it.
      if (key.kind === "key") this.redraw();
      this.onKey(key);
    }
    if (this.mode === "edit") this.redraw();
    if (this.inboxAt >= this.inbox.length) {
      this.inbox = "";
      this.inboxAt = 0;
    }
  }

  private takeInbox(): string {
    const data = this.inbox.slice(this.inboxAt);
    this.inbox = "";
    this.inboxAt = 0;
    return data;
  }

  private onKey(key: Parameters<LineEditor["handle"]>[0]): void {
    const effect = this.editor.handle(key);
    switch (effect.type) {
      case "none":
        return;
      case "submit":
        this.emit(this.view.finish());
        this.submit(effect.line);
        return;
      case "interrupt":
        this.emit(this.view.toEnd() + "^C" + this.view.finish());
        this.pendingSource = undefined;
        this.pendingHeredoc = undefined;
        this.shell.status = 130;
        this.prompt();
        return;
      case "eof":
        this.emit(this.view.finish());
        if (this.pendingHeredoc) {
          // As bash: warn, and take end of input as the end of the here-document.
          this.emit(`-bash: warning: here-document delimited by end-of-file (wanted \`${this.pendingHeredoc.delimiter}')\r\n`);
          this.submit(this.pendingHeredoc.delimiter);
          return;
        }
        if (this.pendingSource !== undefined) {
          const parsed = parseShell(this.pendingSource);
          this.pendingSource = undefined;
          this.pendingHeredoc = undefined;
          if (!parsed.ok) this.emit(parsed.message + "\r\n");
        } else {
          this.emit("logout\r\n");
          this.shell = this.freshShell();
        }
        this.prompt();
        return;
      case "clear-screen":
        this.emit("\x1b[H\x1b[2J");
        this.view.reset();
        return;
      case "reject":
        this.emit(this.view.finish() + effect.message + "\r\n");
        this.pendingSource = undefined;
        this.pendingHeredoc = undefined;
        this.prompt();
        return;
      case "complete":
        this.mode = "busy";
        void this.completeWord();
        return;
    }
  }

  private async completeWord(): Promise<void> {
    try {
      const before = this.editor.buffer.slice(0, this.editor.cursor);
      const result = await complete(before, this.shell, this.options.completers ?? {});
      if (this.mode === "closed") return;
      if (result.insert) this.editor.insert(result.insert);
      else if (result.list) {
        const shown = result.list.slice(0, 500);
        this.emit(this.moveBelowLine() + formatColumns(shown, this.columns).replace(/\n/g, "\r\n"));
        this.view.reset();
      } else this.emit("\x07");
    } catch {
      this.emit("\x07");
    }
    if (this.mode === "closed") return;
    this.mode = "edit";
    this.pump();
    this.flush();
  }

  /** Leaves the line being edited (cursor below it) so something can be printed under it. */
  private moveBelowLine(): string {
    this.redraw();
    return this.view.finish();
  }

  private submit(line: string): void {
    const source = this.pendingSource === undefined ? line : `${this.pendingSource}\n${line}`;
    if (source.length > MAX_COMMAND_LENGTH) {
      this.pendingSource = undefined;
      this.pendingHeredoc = undefined;
      this.emit("-bash: command too long\r\n");
      this.prompt();
      return;
    }
    const heredoc = this.pendingHeredoc;
    if (heredoc && (heredoc.stripTabs ? line.replace(/^\t+/, "") : line) !== heredoc.delimiter) {
      // A body line: parsing again could only say "still incomplete" (and would make long pastes quadratic).
      this.pendingSource = source;
      this.prompt();
      return;
    }
    const parsed = parseShell(source);
    if (!parsed.ok && parsed.incomplete) {
      this.pendingSource = source;
      this.pendingHeredoc = parsed.heredoc;
      this.prompt();
      return;
    }
    this.pendingSource = undefined;
    this.pendingHeredoc = undefined;
    if (source.trim() === "") {
      this.prompt();
      return;
    }
    this.remember(source);
    this.mode = "busy";
    void this.runForeground(source);
  }

  /** Adds a line to history as Ubuntu's bash does (HISTCONTROL=ignoreboth): not if it starts with a blank or repeats. */
  private remember(source: string): void {
    if (/^\s/.test(source) || this.history[this.history.length - 1] === source || source.length > MAX_HISTORY_ENTRY) return;
    this.history.push(source);
    if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
    this.options.history.append(source).catch(() => undefined);
  }

  private async runForeground(source: string): Promise<void> {
    const fg = new Foreground(
      { columns: this.columns, rows: this.rows },
      (text) => this.mode !== "closed" && this.output.writeProgram(text),
      (text) => this.emit(text),
      () => this.pump(),
    );
    this.foreground = fg;
    this.notify({ line: source, phase: "start" });
    const run = this.shell.run(source, { stdin: fg.stdin, stdout: fg.stdout, stderr: fg.stdout, tty: fg.tty, signal: fg.signal }).catch((error: unknown) => {
      fg.stdout.write(`-bash: ${describeError(error)}\n`);
      return 1;
    });
    const interrupted = new Promise<number>((resolve) => fg.signal.addEventListener("abort", () => setTimeout(() => resolve(130), INTERRUPT_GRACE_MS), { once: true }));
    const status = await Promise.race([run, interrupted]);
    fg.release();
    if (this.foreground === fg) this.foreground = undefined;
    if (fg.signal.aborted) this.shell.status = 130;
    this.notify({ line: source, phase: "end", exitCode: fg.signal.aborted ? 130 : status });
    if (this.mode === "closed") return;
    if (fg.altScreen) this.emit("\x1b[?1049l");
    // bash would print the prompt after the unfinished line; the line editor needs to start in column 0.
    else if (fg.midLine && !fg.signal.aborted) this.emit("\r\n");
    this.emit(this.deferredNotices);
    this.deferredNotices = "";
    if (this.shell.exitRequested) this.shell = this.freshShell();
    this.mode = "edit";
    this.prompt();
    this.pump();
    this.flush();
  }

  private interruptForeground(): void {
    const fg = this.foreground;
    if (!fg || fg.signal.aborted) return;
    if (this.mode !== "closed") this.emit("^C\r\n");
    fg.interrupt();
  }

  private notify(event: Parameters<NonNullable<TerminalSessionOptions["onCommand"]>>[0]): void {
    try {
      this.options.onCommand?.(event);
    } catch {
      // The recorder failing must not break the shell.
    }
  }

  private promptText(): string {
    if (this.pendingSource !== undefined) return "> ";
    const dir = tildePath(this.shell.cwd, this.shell.home);
    return `\x1b[01;32m${this.options.userName}@kubeclass\x1b[00m:\x1b[01;34m${dir}\x1b[00m$ `;
  }

  private prompt(): void {
    this.editor.reset();
    this.view.reset();
    this.redraw();
  }

  private redraw(): void {
    const shown = this.editor.display(this.promptText());
    this.emit(this.view.draw(shown.prompt, shown.text, shown.cursor, this.columns));
  }

  /** After an unexpected failure: a clean prompt, nothing half-done. */
  private recover(): void {
    this.interruptForeground();
    this.pendingSource = undefined;
    this.pendingHeredoc = undefined;
    this.inbox = "";
    this.inboxAt = 0;
    if (this.mode !== "closed" && this.mode !== "loading") {
      this.mode = this.foreground ? "busy" : "edit";
      if (this.mode === "edit") this.prompt();
    }
  }

  private emit(text: string): void {
    if (this.mode !== "closed") this.output.write(text);
  }

  private flush(): void {
    this.output.flush();
  }
}

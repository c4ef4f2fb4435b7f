import type { Key } from "../key-decoder";

export type EditorAction = "save" | "save-and-exit" | "exit" | undefined;

type Prompt = { kind: "filename"; input: string; thenExit: boolean } | { kind: "confirm-exit" } | { kind: "search"; input: string };

const TAB = 8;

/** Screen columns taken by the start of a line up to `col` (tabs expand to the next stop). */
function displayWidth(line: string, col: number): number {
  let width = 0;
  for (let i = 0; i < col && i < line.length; i++) width = line[i] === "\t" ? (Math.floor(width / TAB) + 1) * TAB : width + 1;
  return width;
}

function expandTabs(line: string): string {
  let out = "";
  for (const c of line) out += c === "\t" ? " ".repeat(TAB - (out.length % TAB)) : c;
  return out;
}

/**
 * nano's editing model and screen, without I/O: keys in, an action out (save / exit), `render()` for the screen.
 * The program (nano.ts) reads keys, writes files and prints what render returns.
 */
export class NanoEditor {
  lines: string[];
  row = 0;
  col = 0;
  private top = 0;
  modified = false;
  message: string;
  prompt: Prompt | undefined;
  private cutBuffer: string[] = [];
  private lastWasCut = false;
  private lastSearch = "";

  constructor(
    public filename: string,
    text: string | undefined,
    public columns: number,
    public rows: number,
  ) {
    // As in nano, a final newline leaves an empty last line the cursor can move to.
    this.lines = text === undefined ? [""] : text.split("\n");
    this.message = text === undefined ? "New File" : `Read ${this.countLines()}`;
  }

  private countLines(): string {
    const count = this.lines.length - (this.lines[this.lines.length - 1] === "" ? 1 : 0);
    return `${count} line${count === 1 ? "" : "s"}`;
  }

  /** What would be written: nano ends a non-empty last line with a newline. */
  text(): string {
    const text = this.lines.join("\n");
    return this.lines[this.lines.length - 1] === "" ? text : text + "\n";
  }

  saved(filename: string): void {
    this.filename = filename;
    this.modified = false;
    this.message = `Wrote ${this.countLines()}`;
  }

  failed(message: string): void {
    this.message = `Error writing ${this.filename}: ${message}`;
  }

  key(key: Key): EditorAction {
    const action = this.prompt ? this.promptKey(key) : this.editKey(key);
    this.scroll();
    return action;
  }

  private promptKey(key: Key): EditorAction {
    const prompt = this.prompt!;
    if (key.kind === "key" && (key.name === "ctrl-c" || key.name === "ctrl-g")) {
      this.prompt = undefined;
      this.message = "Cancelled";
      return undefined;
    }
    if (prompt.kind === "confirm-exit") {
      const answer = key.kind === "text" ? key.text[0]?.toLowerCase() : undefined;
      if (answer === "y") this.prompt = { kind: "filename", input: this.filename, thenExit: true };
      else if (answer === "n") return "exit";
      return undefined;
    }
    if (key.kind === "text") prompt.input += key.text;
    else if (key.name === "backspace") prompt.input = prompt.input.slice(0, -1);
    else if (prompt.kind === "search" && key.name === "enter") {
      this.prompt = undefined;
      this.search(prompt.input || this.lastSearch);
    }
    else if (key.name === "ctrl-x") {
      this.prompt = undefined;
      this.message = "Cancelled";
    } else if (key.name === "enter") {
      this.prompt = undefined;
      if (prompt.input.trim() === "") {
        this.message = "Cancelled";
        return undefined;
      }
      this.filename = prompt.input;
      return prompt.kind === "filename" && prompt.thenExit ? "save-and-exit" : "save";
    }
    return undefined;
  }

  private editKey(key: Key): EditorAction {
    const wasCut = this.lastWasCut;
    this.lastWasCut = false;
    if (key.kind === "text") {
      this.insert(key.text);
      return undefined;
    }
    const line = this.lines[this.row]!;
    const textRows = this.textRows();
    switch (key.name) {
      case "enter":
        this.lines.splice(this.row, 1, line.slice(0, this.col), line.slice(this.col));
        this.row++;
        this.col = 0;
        this.modified = true;
        break;
      case "tab":
        this.insert("\t");
        break;
      case "backspace":
        if (this.col > 0) {
          this.lines[this.row] = line.slice(0, this.col - 1) + line.slice(this.col);
          this.col--;
          this.modified = true;
        } else if (this.row > 0) {
          const previous = this.lines[this.row - 1]!;
          this.lines.splice(this.row - 1, 2, previous + line);
          this.row--;
          this.col = previous.length;
          this.modified = true;
        }
        break;
      case "delete":
      case "ctrl-d":
        if (this.col < line.length) this.lines[this.row] = line.slice(0, this.col) + line.slice(this.col + 1);
        else if (this.row < this.lines.length - 1) this.lines.splice(this.row, 2, line + this.lines[this.row + 1]!);
        else break;
        this.modified = true;
        break;
      case "left":
      case "ctrl-b":
        if (this.col > 0) this.col--;
        else if (this.row > 0) this.col = this.lines[--this.row]!.length;
        break;
      case "right":
      case "ctrl-f":
        if (this.col < line.length) this.col++;
        else if (this.row < this.lines.length - 1) {
          this.row++;
          this.col = 0;
        }
        break;
      case "up":
      case "ctrl-p":
        this.moveRow(-1);
        break;
      case "down":
      case "ctrl-n":
        this.moveRow(1);
        break;
      case "pageup":
      case "ctrl-y":
        this.moveRow(-textRows);
        break;
      case "pagedown":
      case "ctrl-v":
        this.moveRow(textRows);
        break;
      case "home":
      case "ctrl-a":
        this.col = 0;
        break;
      case "end":
      case "ctrl-e":
        this.col = line.length;
        break;
      case "ctrl-k":
        if (!wasCut) this.cutBuffer = [];
        this.cutBuffer.push(line);
        if (this.lines.length > 1) this.lines.splice(this.row, 1);
        else this.lines[0] = "";
        this.row = Math.min(this.row, this.lines.length - 1);
        this.col = 0;
        this.modified = true;
        this.lastWasCut = true;
        break;
      case "ctrl-u":
        if (this.cutBuffer.length > 0) {
          this.lines.splice(this.row, 0, ...this.cutBuffer);
          this.row += this.cutBuffer.length;
          this.col = 0;
          this.modified = true;
        }
        break;
      case "ctrl-o":
        this.prompt = { kind: "filename", input: this.filename, thenExit: false };
        break;
      case "ctrl-w":
        this.prompt = { kind: "search", input: "" };
        break;
      case "ctrl-x":
        if (!this.modified) return "exit";
        this.prompt = { kind: "confirm-exit" };
        break;
      case "ctrl-c": {
        const chars = this.lines.reduce((n, l) => n + l.length + 1, 0);
        const at = this.lines.slice(0, this.row).reduce((n, l) => n + l.length + 1, 0) + this.col + 1;
        const pct = (a: number, b: number) => Math.round((a * 100) / Math.max(1, b));
        this.message = `line ${this.row + 1}/${this.lines.length} (${pct(this.row + 1, this.lines.length)}%), col ${this.col + 1}/${line.length + 1} (${pct(this.col + 1, line.length + 1)}%), char ${at}/${chars} (${pct(at, chars)}%)`;
        break;
      }
      default:
        break;
    }
    return undefined;
  }

  /** Finds the next occurrence after the cursor, wrapping around the buffer like nano. */
  private search(text: string): void {
    if (text === "") {
      this.message = "Cancelled";
      return;
    }
    this.lastSearch = text;
    const count = this.lines.length;
    for (let step = 0; step <= count; step++) {
      const row = (this.row + step) % count;
      const from = step === 0 ? this.col + 1 : 0;
      const at = this.lines[row]!.indexOf(text, from);
      if (at >= 0 && !(step === count && at >= this.col + 1)) {
        this.message = step > 0 && row <= this.row ? "Search Wrapped" : "";
        this.row = row;
        this.col = at;
        return;
      }
    }
    this.message = `"${text}" not found`;
  }

  private insert(text: string): void {
    const line = this.lines[this.row]!;
    this.lines[this.row] = line.slice(0, this.col) + text + line.slice(this.col);
    this.col += text.length;
    this.modified = true;
  }

  private moveRow(delta: number): void {
    const target = Math.max(0, Math.min(this.lines.length - 1, this.row + delta));
    this.row = target;
    this.col = Math.min(this.col, this.lines[target]!.length);
  }

  private textRows(): number {
    return Math.max(1, this.rows - 4);
  }

  private scroll(): void {
    const textRows = this.textRows();
    if (this.row < this.top) this.top = this.row;
    if (this.row >= this.top + textRows) this.top = this.row - textRows + 1;
  }

  render(): string {
    const width = Math.max(10, this.columns);
    const textRows = this.textRows();
    const inverse = (text: string) => `\x1b[7m${text}\x1b[0m`;
    let out = "\x1b[?25l";
    const title = this.filename === "" ? "New Buffer" : this.filename;
    const left = "  GNU nano 7.2";
    const right = this.modified ? "Modified  " : "";
    const middle = Math.max(left.length + 1, Math.floor((width - title.length) / 2));
    let header = left.padEnd(middle) + title;
    header = header.padEnd(width - right.length).slice(0, width - right.length) + right;
    out += `\x1b[1;1H${inverse(header.slice(0, width))}`;
    const cursorWidth = displayWidth(this.lines[this.row]!, this.col);
    const offset = cursorWidth < width - 1 ? 0 : Math.floor(cursorWidth / (width - 1)) * (width - 1) - 1;
    for (let r = 0; r < textRows; r++) {
      const index = this.top + r;
      let shown = "";
      if (index < this.lines.length) {
        const full = expandTabs(this.lines[index]!);
        if (index === this.row && offset > 0) shown = "$" + full.slice(offset + 1, offset + width);
        else shown = full.length > width ? full.slice(0, width - 1) + "$" : full;
        if (index === this.row && offset > 0 && full.length > offset + width) shown = shown.slice(0, width - 1) + "$";
      }
      out += `\x1b[${r + 2};1H${shown}\x1b[K`;
    }
    const statusRow = this.rows - 2;
    const [help1, help2] = this.helpLines();
    if (this.prompt?.kind === "filename") out += `\x1b[${statusRow};1H${inverse(`File Name to Write: ${this.prompt.input}`.padEnd(width).slice(0, width))}`;
    else if (this.prompt?.kind === "search") out += `\x1b[${statusRow};1H${inverse(`${this.lastSearch ? `Search [${this.lastSearch}]` : "Search"}: ${this.prompt.input}`.padEnd(width).slice(0, width))}`;
    else if (this.prompt?.kind === "confirm-exit") out += `\x1b[${statusRow};1H${inverse("Save modified buffer?".padEnd(width).slice(0, width))}`;
    else if (this.message) {
      const text = `[ ${this.message} ]`.slice(0, width);
      out += `\x1b[${statusRow};1H\x1b[K\x1b[${statusRow};${Math.max(1, Math.floor((width - text.length) / 2) + 1)}H${inverse(text)}`;
    } else out += `\x1b[${statusRow};1H\x1b[K`;
    out += `\x1b[${this.rows - 1};1H${help1}\x1b[K\x1b[${this.rows};1H${help2}\x1b[K`;
    if (this.prompt?.kind === "filename") out += `\x1b[${statusRow};${Math.min(width, 21 + this.prompt.input.length)}H`;
    else if (this.prompt?.kind === "search") out += `\x1b[${statusRow};${Math.min(width, (this.lastSearch ? this.lastSearch.length + 11 : 9) + this.prompt.input.length)}H`;
    else if (this.prompt?.kind === "confirm-exit") out += `\x1b[${statusRow};23H`;
    else out += `\x1b[${this.row - this.top + 2};${cursorWidth - Math.max(0, offset) + 1}H`;
    return out + "\x1b[?25h";
  }

  private helpLines(): [string, string] {
    const item = (key: string, label: string) => `\x1b[7m${key}\x1b[0m ${label.padEnd(12)}`;
    if (this.prompt?.kind === "confirm-exit") return [item(" Y", "Yes"), item(" N", "No") + "  " + item("^C", "Cancel")];
    if (this.prompt?.kind === "filename" || this.prompt?.kind === "search") return [item("^G", "Help"), item("^C", "Cancel")];
    return [
      item("^G", "Help") + item("^O", "Write Out") + item("^W", "Where Is") + item("^K", "Cut") + item("^C", "Location"),
      item("^X", "Exit") + item("^U", "Paste") + item("^A", "Line Start") + item("^E", "Line End"),
    ];
  }
}

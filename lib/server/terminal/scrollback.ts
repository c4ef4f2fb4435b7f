/**
 * The recent screen output of a session, replayed to a tab that (re)attaches so a reload shows what was there.
 * Bounded: past `max` characters the oldest output goes, cut at a line start where one is near, so the replay
 * does not begin in the middle of an escape sequence.
 */
export class Scrollback {
  private text = "";

  constructor(private readonly max = 64 * 1024) {}

  append(data: string): void {
    this.text += data;
    // Trimming copies the buffer; doing it only past 1.25 × max keeps appends cheap.
    if (this.text.length > this.max * 1.25) this.trim();
  }

  contents(): string {
    if (this.text.length > this.max) this.trim();
    return this.text;
  }

  private trim(): void {
    let cut = this.text.length - this.max;
    const newline = this.text.indexOf("\n", cut);
    if (newline >= 0 && newline - cut < 4096) cut = newline + 1;
    // Never split a surrogate pair.
    const code = this.text.charCodeAt(cut);
    if (code >= 0xdc00 && code <= 0xdfff) cut += 1;
    this.text = this.text.slice(cut);
  }
}

import { describe, expect, it } from "vitest";
import type { Program } from "./program";
import { openTestTerminal, plain, settle } from "./test-terminal";

// A notice from outside the shell (an instructor's broadcast): output only, on its own line, the line being typed
// drawn again under it.
const PROMPT = "\x1b[01;32mjane@kubeclass\x1b[00m:\x1b[01;34m~\x1b[00m$ ";
const NOTICE = "\x1b[33m📣 Instructor (Ann): break\x1b[0m";

describe("ShellSession.announce", () => {
  it("erases the prompt line, prints the notice and redraws the prompt with what was typed", async () => {
    const received: string[] = [];
    const echo: Program = (ctx) => (received.push(ctx.argv.join(" ")), Promise.resolve(0));
    const t = await openTestTerminal({ programs: { echo2: echo } });
    await t.type("echo2 half");
    const before = t.screen().length;
    t.session.announce?.(NOTICE);
    await settle();
    expect(t.screen().slice(before)).toBe(`\r\x1b[J${NOTICE}\r\n\r\x1b[J${PROMPT}echo2 half`);
    // The line goes on being edited where it was, and the notice never reached the shell as input.
    await t.type(" done\r");
    expect(received).toEqual(["echo2 half done"]);
  });

  it("erases every row of a wrapped line and puts the cursor back where it was", async () => {
    const t = await openTestTerminal({ columns: 30 });
    await t.type("x".repeat(40)); // the prompt is 18 wide: the text wraps onto a second row, where the cursor is
    let before = t.screen().length;
    t.session.announce?.("one");
    await settle();
    let out = t.screen().slice(before);
    expect(out.startsWith("\x1b[1A\r\x1b[Jone\r\n")).toBe(true);
    expect(plain(out)).toBe("one\njane@kubeclass:~$ " + "x".repeat(40));

    await t.type("\x01"); // ^A: back to the start of the text, on the prompt's row
    before = t.screen().length;
    t.session.announce?.("two");
    await settle();
    out = t.screen().slice(before);
    expect(out.startsWith("\r\x1b[Jtwo\r\n")).toBe(true);
    // Drawn to the end (row 1), then up a row and right past the prompt.
    expect(out.endsWith("x".repeat(40) + "\x1b[1A\r\x1b[18C")).toBe(true);
  });

  it("prints under a running program's output on a line of its own", async () => {
    let finish: () => void = () => undefined;
    const slow: Program = async (ctx) => {
      ctx.stdout.write("working...");
      await new Promise<void>((resolve) => (finish = resolve));
      ctx.stdout.write("done\n");
      return 0;
    };
    const t = await openTestTerminal({ programs: { slow } });
    await t.type("slow\r");
    await t.waitFor("working...");
    t.session.announce?.("notice");
    await settle();
    finish();
    await t.waitFor(/\$ $/);
    expect(plain(t.screen())).toContain("working...\nnotice\ndone\njane@kubeclass:~$ ");
  });

  it("keeps a full-screen program's screen clean and shows the notice once it exits", async () => {
    let finish: () => void = () => undefined;
    const editor: Program = async (ctx) => {
      ctx.stdout.write("\x1b[?1049h\x1b[Hediting");
      await new Promise<void>((resolve) => (finish = resolve));
      ctx.stdout.write("\x1b[?1049l");
      return 0;
    };
    const t = await openTestTerminal({ programs: { editor } });
    await t.type("editor\r");
    await t.waitFor("editing");
    const before = t.screen().length;
    t.session.announce?.("notice");
    await settle();
    expect(t.screen().slice(before)).toBe("");
    finish();
    await t.waitFor(/\$ $/);
    expect(plain(t.screen().slice(before))).toBe("notice\njane@kubeclass:~$ ");
  });
});

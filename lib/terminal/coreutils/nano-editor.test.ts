import { describe, expect, it } from "vitest";
import { decodeKeys } from "../key-decoder";
import { NanoEditor, type EditorAction } from "./nano-editor";
import { watchScreen } from "./watch";

function press(editor: NanoEditor, data: string): EditorAction[] {
  return decodeKeys(data).map((key) => editor.key(key)).filter((a) => a !== undefined);
}

describe("NanoEditor", () => {
  it("types, splits and joins lines, moves with arrows", () => {
    const editor = new NanoEditor("pod.yml", "kind: Pod\nspec:\n", 80, 24);
    expect(editor.message).toBe("Read 2 lines");
    press(editor, "\x1b[B\x1b[F\r  containers: []");
    expect(editor.lines).toEqual(["kind: Pod", "spec:", "  containers: []", ""]);
    press(editor, "\x1b[H\x7f");
    expect(editor.lines).toEqual(["kind: Pod", "spec:  containers: []", ""]);
    press(editor, "\x1b[A\x1b[3~");
    expect(editor.lines[0]).toBe("kind:Pod");
    expect(editor.modified).toBe(true);
    expect(editor.text()).toBe("kind:Pod\nspec:  containers: []\n");
  });

  it("cuts consecutive lines with Ctrl-K and pastes them with Ctrl-U", () => {
    const editor = new NanoEditor("f", "a\nb\nc\nd\n", 80, 24);
    press(editor, "\x0b\x0b\x1b[B\x15");
    expect(editor.lines).toEqual(["c", "a", "b", "d", ""]);
  });

  it("saves with Ctrl-O and asks before leaving a modified buffer", () => {
    const editor = new NanoEditor("", undefined, 80, 24);
    expect(editor.message).toBe("New File");
    press(editor, "hello");
    expect(press(editor, "\x0fnew.txt\r")).toEqual(["save"]);
    expect(editor.filename).toBe("new.txt");
    editor.saved("new.txt");
    expect(editor.message).toBe("Wrote 1 line");
    expect(press(editor, "\x18")).toEqual(["exit"]);
    press(editor, "!");
    expect(press(editor, "\x18")).toEqual([]);
    expect(editor.render()).toContain("Save modified buffer?");
    expect(press(editor, "\x03")).toEqual([]);
    expect(editor.message).toBe("Cancelled");
    expect(press(editor, "\x18y\r")).toEqual(["save-and-exit"]);
    expect(press(editor, "\x18n")).toEqual(["exit"]);
  });

  it("searches forward with Ctrl-W, wrapping around, and remembers the last search", () => {
    const editor = new NanoEditor("f", "image: nginx\nname: web\nimage: redis\n", 80, 24);
    press(editor, "\x17image\r");
    expect([editor.row, editor.col]).toEqual([2, 0]);
    expect(editor.message).toBe("");
    press(editor, "\x17\r");
    expect([editor.row, editor.col, editor.message]).toEqual([0, 0, "Search Wrapped"]);
    press(editor, "\x17nope\r");
    expect(editor.message).toBe('"nope" not found');
    expect([editor.row, editor.col]).toEqual([0, 0]);
  });

  it("draws a title bar, the text, a status line and help, and scrolls to the cursor", () => {
    const editor = new NanoEditor("long.txt", Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join("\n"), 40, 10);
    const screen = editor.render();
    expect(screen).toContain("GNU nano 7.2");
    expect(screen).toContain("long.txt");
    expect(screen).toContain("[ Read 50 lines ]");
    expect(screen).toContain("^X\x1b[0m Exit");
    press(editor, "\x1b[B".repeat(20));
    const scrolled = editor.render();
    expect(scrolled).toContain("line 21");
    expect(scrolled).not.toContain("line 1\x1b");
    // The cursor sits on the last text row (row 7 of 10: title + 6 text rows).
    expect(scrolled.endsWith("\x1b[7;1H\x1b[?25h")).toBe(true);
  });
});

describe("watchScreen", () => {
  it("shows procps' header and clips the output to the terminal", () => {
    const screen = watchScreen({ interval: 2, command: "kubectl get pods", output: "NAME\nweb\ndb\nextra\n", now: new Date("2026-11-26T11:29:14Z"), columns: 80, rows: 4, title: true });
    const lines = screen.replace("\x1b[H\x1b[2J", "").split("\n");
    expect(lines[0]).toBe("Every 2.0s: kubectl get pods" + " ".repeat(80 - 28 - 35) + "kubeclass: Thu Nov 26 11:29:14 2026");
    expect(lines.slice(1)).toEqual(["", "NAME", "web"]);
  });
});

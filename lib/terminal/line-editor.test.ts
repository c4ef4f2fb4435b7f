import { describe, expect, it } from "vitest";
import { decodeKeys } from "./key-decoder";
import { LineEditor, MAX_LINE_LENGTH, type EditorEffect } from "./line-editor";
import { LineView, visibleLength } from "./line-view";

function type(editor: LineEditor, data: string): EditorEffect[] {
  return decodeKeys(data).map((key) => editor.handle(key));
}

describe("LineEditor", () => {
  it("edits with arrows, Home/End and the emacs keys", () => {
    const editor = new LineEditor([]);
    type(editor, "kubectl get pods");
    type(editor, "\x1b[H\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[Cx");
    expect(editor.buffer).toBe("kubectlx get pods");
    type(editor, "\x7f\x05\x17");
    expect(editor.buffer).toBe("kubectl get ");
    type(editor, "\x01\x0b");
    expect(editor.buffer).toBe("");
    type(editor, "abc def\x01\x1b[3~\x19");
    expect(editor.buffer).toBe("kubectl get bc def");
    type(editor, "\x15");
    expect([editor.buffer, editor.cursor]).toEqual(["bc def", 0]);
    expect(type(editor, "\r")).toEqual([{ type: "submit", line: "bc def" }]);
  });

  it("walks history with Up/Down and keeps the draft", () => {
    const editor = new LineEditor(["ls", "kubectl get ns"]);
    type(editor, "dra");
    type(editor, "\x1b[A");
    expect(editor.buffer).toBe("kubectl get ns");
    type(editor, "\x1b[A\x1b[A");
    expect(editor.buffer).toBe("ls");
    type(editor, "\x1b[B\x1b[B");
    expect(editor.buffer).toBe("dra");
  });

  it("searches history backwards with Ctrl-R", () => {
    const editor = new LineEditor(["kubectl get pods", "ls -l", "kubectl get svc", "echo hi"]);
    type(editor, "\x12kub");
    expect(editor.display("$ ")).toEqual({ prompt: "(reverse-i-search)`kub': ", text: "kubectl get svc", cursor: 0 });
    type(editor, "\x12");
    expect(editor.buffer).toBe("kubectl get pods");
    type(editor, "zzz");
    expect(editor.display("$ ").prompt).toBe("(failed reverse-i-search)`kubzzz': ");
    type(editor, "\x7f\x7f\x7f\x1b[C");
    expect(editor.searching).toBe(false);
    expect(editor.buffer).toBe("kubectl get svc");
    expect(type(editor, "\x12echo\r")).toEqual([{ type: "none" }, { type: "none" }, { type: "submit", line: "echo hi" }]);
  });

  it("reports Ctrl-C, Ctrl-D on an empty line, Tab and Ctrl-L", () => {
    const editor = new LineEditor([]);
    expect(type(editor, "\x04")).toEqual([{ type: "eof" }]);
    expect(type(editor, "x\x03")).toEqual([{ type: "none" }, { type: "interrupt" }]);
    expect(editor.buffer).toBe("");
    expect(type(editor, "\t\x0c")).toEqual([{ type: "complete" }, { type: "clear-screen" }]);
  });

  it("refuses over-long lines with one message", () => {
    const editor = new LineEditor([]);
    editor.handle({ kind: "text", text: "x".repeat(MAX_LINE_LENGTH + 10) });
    expect(editor.buffer.length).toBe(MAX_LINE_LENGTH);
    const [effect] = type(editor, "\r");
    expect(effect?.type).toBe("reject");
    expect(editor.buffer).toBe("");
  });
});

describe("LineView", () => {
  it("appends typed text without redrawing, rewrites only what changed, and wraps at the width", () => {
    const view = new LineView();
    expect(view.draw("$ ", "", 0, 10)).toBe("\r\x1b[J$ ");
    expect(view.draw("$ ", "ab", 2, 10)).toBe("ab");
    // 2 + 8 = 10 columns: the cursor wraps to the next row explicitly.
    expect(view.draw("$ ", "abcdefgh", 8, 10)).toBe("cdefgh\r\n");
    // Cursor motion only.
    expect(view.draw("$ ", "abcdefgh", 0, 10)).toBe("\x1b[1A\r\x1b[2C");
    expect(view.draw("$ ", "abcdefgh", 1, 10)).toBe("\x1b[1C");
    // Inserting mid-line rewrites from the change on, clears the rest, and returns to the cursor.
    expect(view.draw("$ ", "abXcdefgh", 3, 10)).toBe("\x1b[1CXcdefgh\x1b[J\x1b[1A\r\x1b[5C");
    expect(view.toEnd()).toBe("\x1b[1B\r\x1b[1C");
    expect(view.finish()).toBe("\r\n");
    // A new prompt draws everything.
    expect(view.draw("> ", "x", 1, 10)).toBe("\r\x1b[J> x");
  });

  it("measures prompts without their colours", () => {
    expect(visibleLength("\x1b[01;32mjane@kubeclass\x1b[00m:\x1b[01;34m~\x1b[00m$ ")).toBe("jane@kubeclass:~$ ".length);
  });
});

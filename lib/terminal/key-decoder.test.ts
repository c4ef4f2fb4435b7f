import { describe, expect, it } from "vitest";
import { decodeKeys } from "./key-decoder";

describe("decodeKeys", () => {
  it("groups printable text and splits control keys", () => {
    expect(decodeKeys("ls -l\r")).toEqual([{ kind: "text", text: "ls -l" }, { kind: "key", name: "enter" }]);
    expect(decodeKeys("\x01\x05\x7f\t\x03")).toEqual(["ctrl-a", "ctrl-e", "backspace", "tab", "ctrl-c"].map((name) => ({ kind: "key", name })));
  });

  it("reads xterm's escape sequences, including the variants for Home/End", () => {
    const names = (data: string) => decodeKeys(data).map((k) => (k.kind === "key" ? k.name : k.text));
    expect(names("\x1b[A\x1b[B\x1b[C\x1b[D")).toEqual(["up", "down", "right", "left"]);
    expect(names("\x1b[H\x1b[F\x1bOH\x1bOF\x1b[1~\x1b[4~\x1b[7~\x1b[8~")).toEqual(["home", "end", "home", "end", "home", "end", "home", "end"]);
    expect(names("\x1b[3~\x1b[5~\x1b[6~\x1b[1;5C\x1b[1;5D")).toEqual(["delete", "pageup", "pagedown", "word-right", "word-left"]);
    expect(names("\x1b[200~paste\x1b[201~")).toEqual(["paste"]);
    expect(names("\x1bb\x1bf\x1b\x7f")).toEqual(["alt-b", "alt-f", "alt-backspace"]);
  });

  it("drops junk without losing the text around it", () => {
    expect(decodeKeys("a\x00\x1c\x9bb").map((k) => (k.kind === "text" ? k.text : k.name))).toEqual(["a", "b"]);
    expect(decodeKeys("\x1b[99;99;99;99;99;99;99;99;99;99;99Zx").at(-1)).toEqual({ kind: "text", text: "x" });
    expect(decodeKeys("\x1b")).toEqual([{ kind: "key", name: "escape" }]);
  });
});

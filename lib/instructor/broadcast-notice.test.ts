import { describe, expect, it } from "vitest";
import { broadcastNotice, oneLine } from "./broadcast-notice";

describe("broadcastNotice", () => {
  it("marks the line as the instructor's, in yellow, and resets the colour after it", () => {
    expect(broadcastNotice("Ann Lee", "Break until 11:00")).toBe("\x1b[1;33m📣 Instructor (Ann Lee):\x1b[0;33m Break until 11:00\x1b[0m");
  });

  it("keeps a message from moving the cursor, clearing the screen or spanning lines", () => {
    const text = broadcastNotice("Ann\x1b[2J", "one\r\ntwo\x1b[H\x07\tthree\u009b31m");
    expect(text).toContain("(Ann[2J):");
    expect(text).toContain(" one two[H three31m");
    // The only escapes are the notice's own colours.
    expect(text.split("\x1b").length - 1).toBe(3);
    expect(text.match(/\[[0-9;]*m/g)?.slice(0, 2)).toEqual(["[1;33m", "[0;33m"]);
    for (const control of ["\r", "\n", "\x07", "\u009b"]) expect(text).not.toContain(control);
  });

  it("names someone even when the instructor has no usable name", () => {
    expect(broadcastNotice("\x1b", "hi")).toContain("Instructor (your instructor):");
  });
});

describe("oneLine", () => {
  it("collapses whitespace runs and trims", () => {
    expect(oneLine("  a \n\n b\t\tc  ")).toBe("a b c");
  });
});

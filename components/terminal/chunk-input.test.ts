import { describe, expect, it } from "vitest";
import { chunkInput } from "./chunk-input";

describe("chunkInput", () => {
  it("keeps short input whole and splits long input into bounded pieces that join back", () => {
    expect(chunkInput("ls\r")).toEqual(["ls\r"]);
    const long = "a".repeat(40_000);
    const pieces = chunkInput(long);
    expect(pieces.map((p) => p.length)).toEqual([16_384, 16_384, 7_232]);
    expect(pieces.join("")).toBe(long);
  });

  it("never splits a surrogate pair", () => {
    const pieces = chunkInput("ab😀cd", 3);
    expect(pieces).toEqual(["ab", "😀c", "d"]);
  });
});

import { describe, expect, it } from "vitest";
import { toJson } from "./json";
import { TabWriter } from "./tab-writer";
import { toYaml } from "./yaml";

describe("TabWriter (kubectl's tabwriter settings)", () => {
  it("pads columns to the widest cell plus 3, at least 6, and leaves the last cell unpadded", () => {
    const w = new TabWriter();
    w.row(["NAME", "A", "LAST"]);
    w.row(["a-long-name", "B", ""]);
    expect(w.flush()).toBe("NAME          A     LAST\na-long-name   B     \n");
  });

  it("aligns blocks separated by a blank line independently", () => {
    const w = new TabWriter();
    w.row(["X", "Y"]);
    w.row([""]);
    w.row(["LONGER-NAME", "Y"]);
    expect(w.flush()).toBe("X     Y\n\nLONGER-NAME   Y\n");
  });

  it("remembers widths across flushes for watch output", () => {
    const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
    w.row(["NAME-WIDE", "B"]);
    w.flush();
    w.row(["x", "B"]);
    expect(w.flush()).toBe("x           B\n");
  });
});

describe("JSON and YAML as kubectl prints them", () => {
  it("sorts keys, indents JSON by 4 and escapes HTML characters as Go does", () => {
    expect(toJson({ b: 1, a: { d: "<&>", c: [] } })).toBe('{\n    "a": {\n        "c": [],\n        "d": "\\u003c\\u0026\\u003e"\n    },\n    "b": 1\n}\n');
  });

  it("quotes strings go-yaml would read as other types, leaves sequences unindented", () => {
    expect(toYaml({ z: ["a", { k: "true" }], n: "1", t: "2026-01-01T00:00:00Z", ip: "10.0.0.1", s: "a: b", e: "", m: "x\ny\n" })).toBe(
      'e: ""\nip: 10.0.0.1\nm: |\n  x\n  y\n"n": "1"\ns: \'a: b\'\nt: "2026-01-01T00:00:00Z"\nz:\n- a\n- k: "true"\n',
    );
  });
});

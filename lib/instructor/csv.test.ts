import { describe, expect, it } from "vitest";
import { csvField, parseCsv, toCsv, unguard } from "./csv";

describe("csv", () => {
  it("quotes as RFC 4180 says, with CRLF line ends", () => {
    expect(toCsv([["a", "b,c"], ['say "hi"', "two\nlines"]])).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvField("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(["+1", "-2", "@SUM(A1)", "\tx"].map(csvField)).toEqual(["'+1", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvField("plain")).toBe("plain");
  });

  it("parses back what it wrote", () => {
    const rows = [["name", "e-mail", ""], ["O'Brien, Ann", '"quoted"', "=1+1"], ["x\r\ny", "", "@me"]];
    expect(parseCsv(toCsv(rows)).map((r) => r.map(unguard))).toEqual(rows);
  });
});

import { describe, expect, it } from "vitest";
import { aggregateMessage, compareGoStrings, goQuote, goQuoteList, sortedSet } from "./go-format";

describe("goQuote", () => {
  it("quotes like Go's %q", () => {
    expect(goQuote("alice")).toBe('"alice"');
    expect(goQuote("")).toBe('""');
    expect(goQuote('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(goQuote("a\nb\tc")).toBe('"a\\nb\\tc"');
    expect(goQuote("\u0001\u007f")).toBe('"\\x01\\x7f"');
    expect(goQuote("élève ✓")).toBe('"élève ✓"');
    expect(goQuote("\u200b")).toBe('"\\u200b"');
  });

  it("quotes a list like %q on a []string, space separated", () => {
    expect(goQuoteList(["system:authenticated"])).toBe('["system:authenticated"]');
    expect(goQuoteList(["a", "b"])).toBe('["a" "b"]');
    expect(goQuoteList([])).toBe("[]");
    expect(goQuoteList(undefined)).toBe("[]");
  });
});

describe("sets and errors", () => {
  it("sorts byte-wise and drops duplicates", () => {
    expect(sortedSet(["b", "B", "a", "b", "{N", "{A"])).toEqual(["B", "a", "b", "{A", "{N"]);
    expect(compareGoStrings("rolebindings", "roles")).toBeLessThan(0);
    expect(compareGoStrings("ab", "a")).toBeGreaterThan(0);
  });

  it("words an aggregate error like utilerrors.NewAggregate", () => {
    expect(aggregateMessage(["x"])).toBe("x");
    expect(aggregateMessage(["x", "x"])).toBe("x");
    expect(aggregateMessage(["x", "y", "x"])).toBe("[x, y]");
  });
});

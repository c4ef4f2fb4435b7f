import { describe, expect, it } from "vitest";
import { alignTabs } from "./tab-writer";

describe("alignTabs (Go tabwriter, padding 2)", () => {
  it("aligns a column block to its widest cell plus padding", () => {
    expect(alignTabs("Name:\tweb\nNamespace:\tdefault\n")).toBe("Name:       web\nNamespace:  default\n");
  });
  it("restarts alignment after a line without tabs, as tabwriter flushes there", () => {
    expect(alignTabs("A:\t1\nSection:\n  LongerKey:\t2\n")).toBe("A:  1\nSection:\n  LongerKey:  2\n");
  });
  it("gives nested columns their own blocks", () => {
    const text = "Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\nNodePort:\t<unset>\t30080/TCP\n";
    expect(alignTabs(text)).toBe("Port:        <unset>  80/TCP\nTargetPort:  80/TCP\nNodePort:    <unset>  30080/TCP\n");
  });
});

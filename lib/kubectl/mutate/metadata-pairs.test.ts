import { describe, expect, it } from "vitest";
import { applyPairs, parseAnnotationPairs, parseLabelPairs, splitResourcesAndPairs } from "./metadata-pairs";

describe("label and annotate pairs", () => {
  it("splits resources from changes and insists resources come first", () => {
    expect(splitResourcesAndPairs(["pods", "web", "a=b", "c-"], "label")).toEqual({ resources: ["pods", "web"], pairs: ["a=b", "c-"] });
    expect(() => splitResourcesAndPairs(["pods", "a=b", "web"], "label")).toThrow("all resources must be specified before label changes: web");
  });

  it("parses label specs with kubectl's errors", () => {
    expect(parseLabelPairs(["tier=fe", "old-"])).toEqual({ set: new Map([["tier", "fe"]]), remove: ["old"] });
    expect(() => parseLabelPairs(["a=b=c"])).toThrow("invalid label spec: a=b=c");
    expect(() => parseLabelPairs(["a=-x"])).toThrow(/^invalid label value: "a=-x": a valid label must be an empty string/);
    expect(() => parseLabelPairs(["a=b", "a-"])).toThrow("can not both modify and remove a label in the same command");
    expect(parseAnnotationPairs(["note=a=b"]).set.get("note")).toBe("a=b");
    expect(() => parseAnnotationPairs(["=x"])).toThrow("invalid annotation format: =x");
  });

  it("refuses to overwrite a different value without --overwrite", () => {
    const changes = parseLabelPairs(["tier=be"]);
    expect(() => applyPairs({ tier: "fe" }, changes, false, "label")).toThrow("'tier' already has a value (fe), and --overwrite is false");
    expect(applyPairs({ tier: "fe", x: "1" }, { set: changes.set, remove: ["x"] }, true, "label")).toEqual({ tier: "be" });
    expect(() => applyPairs({ note: "hi" }, parseAnnotationPairs(["note=yo"]), false, "annotation")).toThrow(
      "--overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)",
    );
  });
});

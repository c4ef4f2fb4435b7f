import { describe, expect, it } from "vitest";
import { readResourceList, writeResourceList } from "../api/admission/resource-lists";
import { recount, type RecountInput } from "./quota-recount";

const list = (values: Record<string, string>) => readResourceList(values);
const base = { resourceVersion: "10", now: 1_000, earlier: undefined, settleMs: 10_000 };
const run = (input: Partial<RecountInput> & Pick<RecountInput, "recorded" | "measured">) => {
  const result = recount({ ...base, ...input });
  return { ...result, used: writeResourceList(result.used) };
};

describe("recount", () => {
  it("takes higher and newly tracked figures at once, and drops what is no longer tracked", () => {
    expect(run({ recorded: list({ pods: "2", secrets: "1", gone: "3" }), measured: list({ pods: "3", secrets: "1", configmaps: "4" }) })).toEqual({
      used: { configmaps: "4", pods: "3", secrets: "1" },
    });
  });

  it("holds a lower figure until a measurement of the same revision, settle time earlier, found it lower too", () => {
    const first = run({ recorded: list({ pods: "3" }), measured: list({ pods: "1" }) });
    expect(first).toMatchObject({ used: { pods: "3" }, lower: { resourceVersion: "10", at: 1_000 }, confirmInMs: 10_000 });

    const early = run({ recorded: list({ pods: "3" }), measured: list({ pods: "1" }), now: 5_000, earlier: first.lower });
    expect(early).toMatchObject({ used: { pods: "3" }, lower: first.lower, confirmInMs: 6_000 });

    // The object charged at revision 10 landed meanwhile: the higher of the two measurements is what is written.
    expect(run({ recorded: list({ pods: "3" }), measured: list({ pods: "2" }), now: 11_000, earlier: first.lower })).toEqual({ used: { pods: "2" } });
  });

  it("starts over when the quota changed in between (a charge or a release)", () => {
    const first = recount({ ...base, recorded: list({ pods: "3" }), measured: list({ pods: "1" }) });
    const after = run({ recorded: list({ pods: "4" }), measured: list({ pods: "1" }), resourceVersion: "12", now: 20_000, earlier: first.lower });
    expect(after).toMatchObject({ used: { pods: "4" }, lower: { resourceVersion: "12", at: 20_000 }, confirmInMs: 10_000 });
  });

  it("never writes more than recorded when confirming", () => {
    const first = recount({ ...base, recorded: list({ pods: "3", "requests.cpu": "1" }), measured: list({ pods: "2", "requests.cpu": "500m" }) });
    expect(run({ recorded: list({ pods: "3", "requests.cpu": "1" }), measured: list({ pods: "1", "requests.cpu": "200m" }), now: 12_000, earlier: first.lower })).toEqual({
      used: { pods: "2", "requests.cpu": "500m" },
    });
  });
});

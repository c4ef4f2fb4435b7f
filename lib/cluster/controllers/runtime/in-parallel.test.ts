import { describe, expect, it } from "vitest";
import { inParallel } from "./in-parallel";

describe("inParallel", () => {
  it("never has more than the limit in flight and runs every item", async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await inParallel([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
      inFlight--;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("rethrows the first failure after the started items settle", async () => {
    const settled: number[] = [];
    await expect(
      inParallel([1, 2, 3], 3, async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n * 5));
        settled.push(n);
        if (n === 1) throw new Error("first");
      }),
    ).rejects.toThrow("first");
    expect(settled.sort()).toEqual([1, 2, 3]);
  });
});

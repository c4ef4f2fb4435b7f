import { describe, expect, it } from "vitest";
import { fullQuota, quotaUse } from "./quota-use";

describe("quotaUse", () => {
  it("orders resources fullest first, understanding quantities", () => {
    const uses = quotaUse({ status: { hard: { pods: "30", "requests.cpu": "4", "requests.memory": "8Gi", secrets: "50" }, used: { pods: "30", "requests.cpu": "500m", "requests.memory": "6Gi" } } });
    expect(uses).toEqual([
      { resource: "pods", used: "30", hard: "30", ratio: 1 },
      { resource: "requests.memory", used: "6Gi", hard: "8Gi", ratio: 0.75 },
      { resource: "requests.cpu", used: "500m", hard: "4", ratio: 0.125 },
    ]);
    expect(fullQuota(uses)).toEqual(["pods"]);
    expect(quotaUse(undefined)).toEqual([]);
  });
});

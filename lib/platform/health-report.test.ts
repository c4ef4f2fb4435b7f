import { describe, expect, it } from "vitest";
import { buildReport, downParts, httpStatusOf } from "./health-report";

const up = { status: "up", detail: "ok" } as const;

describe("health report", () => {
  it("is ok and 200 only when every part is up", () => {
    const report = buildReport({ postgres: up, redis: up, worker: up }, new Date(0));
    expect(report.status).toBe("ok");
    expect(httpStatusOf(report)).toBe(200);
    expect(downParts(report)).toEqual([]);
  });

  it("is degraded and 503 naming the parts that are not up", () => {
    const report = buildReport(
      {
        postgres: up,
        redis: { status: "down", detail: "connection refused" },
        worker: { status: "unknown", detail: "heartbeats live in Redis" },
      },
      new Date(0),
    );
    expect(report.status).toBe("degraded");
    expect(httpStatusOf(report)).toBe(503);
    expect(downParts(report)).toEqual(["redis", "worker"]);
  });
});

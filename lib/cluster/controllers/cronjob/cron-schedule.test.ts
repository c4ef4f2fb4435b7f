import { describe, expect, it } from "vitest";
import { CronSyntaxError, nextRun, parseCron } from "./cron-schedule";

const at = (iso: string) => Date.parse(iso);
const next = (spec: string, after: string, tz?: string) => {
  const t = nextRun(parseCron(spec), at(after), tz);
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe("cron schedules", () => {
  it("finds the next minute, step, range and list", () => {
    expect(next("*/1 * * * *", "2026-03-01T10:00:30Z")).toBe("2026-03-01T10:01:00.000Z");
    expect(next("*/15 * * * *", "2026-03-01T10:00:00Z")).toBe("2026-03-01T10:15:00.000Z");
    expect(next("0 9-17/4 * * *", "2026-03-01T10:00:00Z")).toBe("2026-03-01T13:00:00.000Z");
    expect(next("5,35 * * * *", "2026-03-01T10:06:00Z")).toBe("2026-03-01T10:35:00.000Z");
  });

  it("understands names, shorthands, Sunday as 7, and OR between restricted day fields", () => {
    // 2026-03-01 is a Sunday.
    expect(next("0 0 * * MON-FRI", "2026-03-01T10:00:00Z")).toBe("2026-03-02T00:00:00.000Z");
    expect(next("30 6 * jan,Jul 7", "2026-03-01T10:00:00Z")).toBe("2026-07-05T06:30:00.000Z");
    expect(next("@hourly", "2026-03-01T10:00:00Z")).toBe("2026-03-01T11:00:00.000Z");
    expect(next("@yearly", "2026-03-01T10:00:00Z")).toBe("2027-01-01T00:00:00.000Z");
    expect(next("0 0 13 * 5", "2026-03-01T10:00:00Z")).toBe("2026-03-06T00:00:00.000Z");
    expect(next("0 0 30 2 *", "2026-03-01T10:00:00Z")).toBeUndefined();
  });

  it("evaluates in the CronJob's time zone", () => {
    expect(next("0 9 * * *", "2026-03-01T10:00:00Z", "America/New_York")).toBe("2026-03-01T14:00:00.000Z");
  });

  it("rejects malformed schedules", () => {
    expect(() => parseCron("* * * *")).toThrow(CronSyntaxError);
    expect(() => parseCron("61 * * * *")).toThrow(/above maximum/);
    expect(() => parseCron("x * * * *")).toThrow(/failed to parse int from x/);
  });
});

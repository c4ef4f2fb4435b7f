import { describe, expect, it } from "vitest";
import { formatGoDuration, formatMicroTime, formatTime } from "./go-time";

describe("Go time formats", () => {
  it.each([
    [0n, "0s"],
    [1n, "1ns"],
    [999n, "999ns"],
    [1_500n, "1.5µs"],
    [1_000_000n, "1ms"],
    [1_234_567n, "1.234567ms"],
    [1_500_000_000n, "1.5s"],
    [60_000_000_000n, "1m0s"],
    [90_500_000_000n, "1m30.5s"],
    [3_600_000_000_000n, "1h0m0s"],
    [3_723_000_000_001n, "1h2m3.000000001s"],
    [-5_000_000_000n, "-5s"],
    [-1_500n, "-1.5µs"],
  ])("formats %s ns as %s, like time.Duration.String", (nanoseconds, text) => {
    expect(formatGoDuration(nanoseconds)).toBe(text);
  });

  it("formats metav1.Time and MicroTime in UTC, with Go's zero time as null", () => {
    expect(formatTime(1767225600n, 999_999_999n)).toBe("2026-01-01T00:00:00Z");
    expect(formatTime(0n, 0n)).toBe("1970-01-01T00:00:00Z");
    expect(formatTime(-62135596800n, 0n)).toBeNull();
    expect(formatMicroTime(1767225600n, 1_000n)).toBe("2026-01-01T00:00:00.000001Z");
    expect(formatMicroTime(1767225600n, -1n)).toBe("2025-12-31T23:59:59.999999Z");
    expect(() => formatTime(253402300800n, 0n)).toThrow("outside years 0–9999");
  });
});

import { describe, expect, it } from "vitest";
import {
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  formatWrongMessage,
  milliQuantityOf,
  parseQuantity,
  quantityMilliValue,
  quantityOf,
  quantityValue,
  subtractQuantities,
  suffixMessage,
} from "./quantity";

const q = parseQuantity;

describe("quantities, as Kubernetes parses and prints them", () => {
  it.each([
    ["0", "0"],
    ["0n", "0"],
    ["0Ki", "0"],
    ["-0", "0"],
    ["00100m", "100m"],
    ["1n", "1n"],
    ["1u", "1u"],
    ["1m", "1m"],
    ["1", "1"],
    ["1k", "1k"],
    ["1M", "1M"],
    ["1G", "1G"],
    ["1T", "1T"],
    ["1P", "1P"],
    ["1E", "1E"],
    ["1Ki", "1Ki"],
    ["1Mi", "1Mi"],
    ["1Gi", "1Gi"],
    ["1Ti", "1Ti"],
    ["1Pi", "1Pi"],
    ["1Ei", "1Ei"],
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["100m", "100m"],
    ["0.1", "100m"],
    ["0.5", "500m"],
    [".5", "500m"],
    ["1.5", "1500m"],
    ["+1.5", "1500m"],
    ["1.", "1"],
    ["0.1m", "100u"],
    ["0.0001m", "100n"],
    ["1000k", "1M"],
    ["1000000", "1M"],
    ["1100", "1100"],
    ["11000", "11k"],
    ["1100k", "1100k"],
    ["100000000000000000000", "100E"],
    ["1024", "1024"],
    ["1024Ki", "1Mi"],
    ["1536Mi", "1536Mi"],
    ["1.5Gi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["0.5Ki", "512"],
    ["1.5Ki", "1536"],
    ["1023Ki", "1023Ki"],
    ["1e3", "1e3"],
    ["1E6", "1e6"],
    ["12e6", "12e6"],
    ["1.5e3", "1500"],
    ["1e-3", "1e-3"],
    ["1e0", "1"],
    ["-1", "-1"],
    ["-100m", "-100m"],
    ["-1Ki", "-1Ki"],
    ["-1.5", "-1500m"],
  ])("%s prints as %s", (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it("rounds anything finer than a nano up to one nano, away from zero", () => {
    expect(canonicalQuantity("0.1n")).toBe("1n");
    expect(canonicalQuantity("1e-10")).toBe("1e-9");
    expect(canonicalQuantity("-0.1n")).toBe("-1n");
    expect(canonicalQuantity("1.0000000001")).toBe("1000000001n");
  });

  it("accepts JSON numbers as the decoder does", () => {
    expect(canonicalQuantity(0.5)).toBe("500m");
    expect(canonicalQuantity(2)).toBe("2");
    expect(canonicalQuantity(1e21)).toBe("1e21");
  });

  it.each([
    ["", formatWrongMessage],
    ["1.1.1", formatWrongMessage],
    ["1Gb", formatWrongMessage],
    ["1 ", formatWrongMessage],
    [" 1", formatWrongMessage],
    ["1Mii", suffixMessage],
    ["1e", suffixMessage],
    ["ki", suffixMessage],
    ["1KI", formatWrongMessage],
    ["1Kb", formatWrongMessage],
    ["1kk", suffixMessage],
  ])("refuses %j: %s", (input, message) => {
    expect(() => parseQuantity(input)).toThrow(message);
  });

  it("compares exactly, across suffixes and beyond 64 bits", () => {
    expect(compareQuantities(q("1Gi"), q("1073741824"))).toBe(0);
    expect(compareQuantities(q("1G"), q("1Gi"))).toBe(-1);
    expect(compareQuantities(q("1001m"), q("1"))).toBe(1);
    expect(compareQuantities(q("100E"), q("99999999999999999999"))).toBe(1);
  });

  it("adds and subtracts keeping the left operand's format (unless it is zero)", () => {
    expect(formatQuantity(addQuantities(q("1"), q("500m")))).toBe("1500m");
    expect(formatQuantity(addQuantities(q("512Mi"), q("512Mi")))).toBe("1Gi");
    expect(formatQuantity(addQuantities(q("0"), q("512Mi")))).toBe("512Mi");
    expect(formatQuantity(addQuantities(q("1Gi"), q("500M")))).toBe("1573741824");
    expect(formatQuantity(addQuantities(q("500M"), q("500M")))).toBe("1G");
    expect(formatQuantity(subtractQuantities(q("1"), q("250m")))).toBe("750m");
    expect(formatQuantity(subtractQuantities(q("1Gi"), q("512Mi")))).toBe("512Mi");
  });

  it("gives Value and MilliValue rounded away from zero", () => {
    expect(quantityValue(q("1500m"))).toBe(2n);
    expect(quantityValue(q("-1500m"))).toBe(-2n);
    expect(quantityMilliValue(q("1.5m"))).toBe(2n);
    expect(quantityMilliValue(q("1Ki"))).toBe(1_024_000n);
    expect(formatQuantity(quantityOf(2_147_483_648n))).toBe("2147483648");
    expect(formatQuantity(milliQuantityOf(1500))).toBe("1500m");
    expect(formatQuantity(milliQuantityOf(2000))).toBe("2");
  });
});

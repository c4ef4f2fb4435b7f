import { describe, expect, it } from "vitest";
import {
  accessModesString,
  formatLabelSelector,
  formatLabels,
  humanDuration,
  labelSelectorString,
  shortHumanDuration,
  timestampSince,
} from "./format";
import { goFloat, goJSON, goNumber } from "./go-text";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration (apimachinery HumanDuration)", () => {
  it.each([
    [-2 * s, "<invalid>"],
    [-1999, "0s"], // within the 2 s clock-skew allowance
    [-1 * s, "0s"],
    [0, "0s"],
    [999, "0s"],
    [59 * s, "59s"],
    [60 * s, "60s"],
    [119 * s + 999, "119s"],
    [2 * m, "2m"],
    [2 * m + 3 * s, "2m3s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m, "10m"],
    [10 * m + 59 * s, "10m"],
    [179 * m + 59 * s, "179m"],
    [3 * h, "3h"],
    [3 * h + 5 * m, "3h5m"],
    [7 * h + 59 * m + 59 * s, "7h59m"],
    [8 * h, "8h"],
    [8 * h + 30 * m, "8h"],
    [47 * h + 59 * m, "47h"],
    [48 * h, "2d"],
    [2 * d + 5 * h, "2d5h"],
    [7 * d + 23 * h + 59 * m, "7d23h"],
    [8 * d, "8d"],
    [8 * d + 23 * h, "8d"],
    [729 * d + 23 * h, "729d"],
    [730 * d, "2y"],
    [733 * d, "2y3d"],
    [(365 * 8 - 1) * d, "7y364d"],
    [365 * 8 * d, "8y"],
    [3651 * d, "10y"],
  ])("%d ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe("shortHumanDuration (apimachinery ShortHumanDuration)", () => {
  it.each([
    [-2 * s, "<invalid>"],
    [-1 * s, "0s"],
    [0, "0s"],
    [59 * s, "59s"],
    [60 * s, "1m"],
    [59 * m + 59 * s, "59m"],
    [60 * m, "1h"],
    [23 * h + 59 * m, "23h"],
    [24 * h, "1d"],
    [364 * d, "364d"],
    [365 * d, "1y"],
    [3 * 365 * d + 100 * d, "3y"],
  ])("%d ms → %s", (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});

describe("timestampSince", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("formats the age of an RFC 3339 timestamp", () => {
    expect(timestampSince("2026-01-01T11:55:00Z", now)).toBe("5m");
    expect(timestampSince("2025-12-30T07:00:00Z", now)).toBe("2d5h");
  });
  it("prints <unknown> for Go's zero time", () => {
    expect(timestampSince(undefined, now)).toBe("<unknown>");
    expect(timestampSince(null, now)).toBe("<unknown>");
    expect(timestampSince("0001-01-01T00:00:00Z", now)).toBe("<unknown>");
  });
});

describe("labels and selectors", () => {
  it("formats label maps sorted as whole k=v strings", () => {
    expect(formatLabels({ tier: "web", app: "shop" })).toBe("app=shop,tier=web");
    // "a.b=2" sorts before "a=1" because '.' < '='.
    expect(formatLabels({ a: "1", "a.b": "2" })).toBe("a.b=2,a=1");
    expect(formatLabels({})).toBe("<none>");
    expect(formatLabels(undefined)).toBe("<none>");
  });

  it("formats label selectors like labels.Selector.String()", () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: "web" },
        matchExpressions: [
          { key: "tier", operator: "In", values: ["frontend", "backend"] },
          { key: "env", operator: "NotIn", values: ["prod"] },
          { key: "canary", operator: "DoesNotExist" },
          { key: "zone", operator: "Exists" },
        ],
      }),
    ).toBe("app=web,!canary,env notin (prod),tier in (backend,frontend),zone");
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector(undefined)).toBe("<none>");
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Bogus" }] })).toBe("<error>");
    expect(labelSelectorString(undefined)).toBe("");
  });
});

describe("accessModesString", () => {
  it("uses short forms in Kubernetes' fixed order", () => {
    expect(accessModesString(["ReadWriteMany", "ReadWriteOnce"])).toBe("RWO,RWX");
    expect(accessModesString(["ReadWriteOncePod", "ReadOnlyMany", "ReadOnlyMany"])).toBe("ROX,RWOP");
    expect(accessModesString([])).toBe("");
  });
});

describe("Go text", () => {
  it("prints numbers as fmt does", () => {
    expect(goNumber(3)).toBe("3");
    expect(goNumber(-42)).toBe("-42");
    expect(goNumber(1.5)).toBe("1.5");
    expect(goFloat(123456.5)).toBe("123456.5");
    expect(goFloat(1234567.5)).toBe("1.2345675e+06");
    expect(goFloat(0.0001)).toBe("0.0001");
    expect(goFloat(0.00001)).toBe("1e-05");
  });
  it("marshals JSON as encoding/json does", () => {
    expect(goJSON({ b: 1, a: ["x", { d: true, c: null }] })).toBe('{"a":["x",{"c":null,"d":true}],"b":1}');
    expect(goJSON({ html: "<a&b>" })).toBe('{"html":"\\u003ca\\u0026b\\u003e"}');
  });
});

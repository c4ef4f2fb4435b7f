import { describe, expect, it } from "vitest";
import {
  LabelSelectorError,
  everything,
  formatLabelSelector,
  labelSelectorFromObject,
  matches,
  nothing,
  validateLabelSelector,
  type LabelSelectorObject,
} from "./label-selector";
import { fieldErrorBody, formatFieldError } from "./field-errors";
import { newLabelRequirement } from "./label-requirement";

function objectError(object: LabelSelectorObject, path?: string): LabelSelectorError {
  try {
    labelSelectorFromObject(object, path);
  } catch (error) {
    if (error instanceof LabelSelectorError) return error;
    throw error;
  }
  throw new Error("expected the selector to be rejected");
}

describe("labelSelectorFromObject", () => {
  it("combines matchLabels and matchExpressions, sorted by key", () => {
    const selector = labelSelectorFromObject({
      matchLabels: { tier: "fe", app: "web" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["prod", "dev"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "track", operator: "Exists", values: [] },
        { key: "zone", operator: "NotIn", values: ["b"] },
      ],
    });
    expect(formatLabelSelector(selector)).toBe("app=web,!canary,env in (dev,prod),tier=fe,track,zone notin (b)");
    expect(matches(selector, { app: "web", tier: "fe", env: "dev", track: "x" })).toBe(true);
    expect(matches(selector, { app: "web", tier: "fe", env: "dev", track: "x", zone: "b" })).toBe(false);
    expect(matches(selector, { app: "web", tier: "fe", env: "qa", track: "x" })).toBe(false);
    expect(matches(selector, { app: "web", tier: "fe", env: "dev", track: "x", canary: "" })).toBe(false);
  });

  it("treats null as nothing and an empty selector as everything", () => {
    expect(labelSelectorFromObject(null)).toBe(nothing());
    expect(labelSelectorFromObject(undefined)).toBe(nothing());
    expect(labelSelectorFromObject({})).toBe(everything());
    expect(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] })).toBe(everything());
    expect(labelSelectorFromObject({ matchLabels: null, matchExpressions: null })).toBe(everything());
  });

  it("rejects an unknown operator with the field path", () => {
    const error = objectError({ matchExpressions: [{ key: "app", operator: "Equals", values: ["web"] }] }, "spec.selector");
    expect(error.message).toBe('spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator');
    expect(error.causes).toEqual([
      {
        type: "FieldValueInvalid",
        field: "spec.selector.matchExpressions[0].operator",
        badValue: "Equals",
        detail: "not a valid selector operator",
      },
    ]);
  });

  it("requires values for In and NotIn and forbids them for Exists and DoesNotExist", () => {
    const error = objectError({
      matchExpressions: [
        { key: "a", operator: "In", values: [] },
        { key: "b", operator: "NotIn" },
        { key: "c", operator: "Exists", values: ["x"] },
        { key: "d", operator: "DoesNotExist", values: ["y"] },
      ],
    });
    expect(error.causes.map(formatFieldError)).toEqual([
      "matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      "matchExpressions[3].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
    expect(error.message).toBe(`[${error.causes.map(formatFieldError).join(", ")}]`);
  });

  it("validates keys and values of labels and expressions", () => {
    const error = objectError(
      {
        matchLabels: { "bad key": "ok", good: "-bad" },
        matchExpressions: [{ key: "x/y/z", operator: "In", values: ["fine", "not fine"] }],
      },
      "spec.selector",
    );
    expect(error.causes.map((cause) => [cause.field, cause.badValue])).toEqual([
      ["spec.selector.matchLabels", "bad key"],
      ["spec.selector.matchLabels", "-bad"],
      ["spec.selector.matchExpressions[0].key", "x/y/z"],
      ["spec.selector.matchExpressions[0].values[1]", "not fine"],
    ]);
  });
});

describe("validateLabelSelector", () => {
  it("returns nothing for a valid selector", () => {
    expect(validateLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [] }, "spec.selector")).toEqual([]);
  });

  it("formats bodies like Status causes", () => {
    const [problem] = validateLabelSelector({ matchLabels: { app: "a\tb" } });
    expect(problem && fieldErrorBody(problem)).toMatch(/^Invalid value: "a\\tb": a valid label must be/);
  });
});

describe("newLabelRequirement", () => {
  const message = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof LabelSelectorError) return error.message;
      throw error;
    }
    return "no error";
  };

  it("checks the number of values for each operator, as labels.NewRequirement does", () => {
    expect(message(() => newLabelRequirement("a", "in", []))).toBe("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
    expect(message(() => newLabelRequirement("a", "=", ["x", "y"]))).toBe(
      'values: Invalid value: ["x","y"]: exact-match compatibility requires one single value',
    );
    expect(message(() => newLabelRequirement("a", "exists", ["x"]))).toBe(
      'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    );
    expect(message(() => newLabelRequirement("a", "gt", ["1", "2"]))).toBe(
      'values: Invalid value: ["1","2"]: for \'Gt\', \'Lt\' operators, exactly one value is required',
    );
    expect(message(() => newLabelRequirement("-a", "exists", [], "spec.selector"))).toMatch(/^spec\.selector\.key: Invalid value: "-a": name part/);
    expect(newLabelRequirement("a", "notin", ["x"])).toEqual({ key: "a", operator: "notin", values: ["x"] });
  });
});

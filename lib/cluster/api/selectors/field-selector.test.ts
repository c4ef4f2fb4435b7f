import { describe, expect, it } from "vitest";
import {
  FieldSelectorError,
  escapeFieldValue,
  fieldValue,
  formatFieldSelector,
  matchesFields,
  parseFieldSelector,
  parseFieldSelectorFor,
  unescapeFieldValue,
  validateFieldSelector,
  type FieldLabelSet,
} from "./field-selector";

const POD_FIELDS: FieldLabelSet = {
  supported: [
    "metadata.name",
    "metadata.namespace",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  aliases: { "spec.host": "spec.nodeName" },
  defaults: { "spec.hostNetwork": "false" },
};

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldSelectorError) return error.message;
    throw error;
  }
  throw new Error("expected a FieldSelectorError");
}

const pod = {
  metadata: { name: "web-1", namespace: "shop" },
  spec: { nodeName: "node-a", restartPolicy: "Always" },
  status: { phase: "Running", podIP: "10.0.0.7" },
};

describe("parseFieldSelector", () => {
  it("reads =, == and != and sorts terms by their text", () => {
    expect(parseFieldSelector("status.phase!=Running,metadata.name==web,spec.nodeName=n1").requirements).toEqual([
      { field: "metadata.name", operator: "=", value: "web" },
      { field: "spec.nodeName", operator: "=", value: "n1" },
      { field: "status.phase", operator: "!=", value: "Running" },
    ]);
  });

  it("skips empty terms and selects everything from empty text", () => {
    expect(parseFieldSelector("").requirements).toEqual([]);
    expect(parseFieldSelector(",metadata.name=a,,").requirements).toEqual([
      { field: "metadata.name", operator: "=", value: "a" },
    ]);
  });

  it("allows empty values and keeps whitespace", () => {
    expect(parseFieldSelector("spec.nodeName=").requirements).toEqual([{ field: "spec.nodeName", operator: "=", value: "" }]);
    expect(parseFieldSelector(" a = b").requirements).toEqual([{ field: " a ", operator: "=", value: " b" }]);
  });

  it("takes the first operator from the left", () => {
    expect(parseFieldSelector("a!=b").requirements[0]).toEqual({ field: "a", operator: "!=", value: "b" });
    expect(parseFieldSelector("a!b=c").requirements[0]).toEqual({ field: "a!b", operator: "=", value: "c" });
    expect(parseFieldSelector("a==\\=b").requirements[0]).toEqual({ field: "a", operator: "=", value: "=b" });
  });

  it("unescapes backslash, comma and equals in values", () => {
    expect(parseFieldSelector("metadata.name=a\\,b\\=c\\\\d").requirements[0]?.value).toBe("a,b=c\\d");
    expect(parseFieldSelector("x=a\\,b,y=c").requirements.map((r) => r.field)).toEqual(["x", "y"]);
  });

  it("rejects text it cannot read with the API server's messages", () => {
    expect(errorOf(() => parseFieldSelector("metadata.name"))).toBe(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
    expect(errorOf(() => parseFieldSelector("a=b,c"))).toBe("invalid selector: 'a=b,c'; can't understand 'c'");
    expect(errorOf(() => parseFieldSelector("a=b=c"))).toBe("invalid field selector: unescaped character in value: 61");
    expect(errorOf(() => parseFieldSelector("a=b\\x"))).toBe("invalid field selector: invalid escape sequence: \\x");
    expect(errorOf(() => parseFieldSelector("a=b\\"))).toBe("invalid field selector: invalid escape sequence: \\");
  });
});

describe("validateFieldSelector", () => {
  it("accepts supported fields and rewrites aliases", () => {
    const selector = parseFieldSelectorFor("spec.host=node-a,status.phase=Running", POD_FIELDS);
    expect(selector.requirements).toEqual([
      { field: "spec.nodeName", operator: "=", value: "node-a" },
      { field: "status.phase", operator: "=", value: "Running" },
    ]);
  });

  it("rejects unsupported fields with 'field label not supported'", () => {
    expect(errorOf(() => parseFieldSelectorFor("spec.foo=x", POD_FIELDS))).toBe("field label not supported: spec.foo");
    expect(errorOf(() => parseFieldSelectorFor("=x", POD_FIELDS))).toBe("field label not supported: ");
  });

  it("uses the generic wording for kinds without field labels of their own", () => {
    expect(validateFieldSelector(parseFieldSelector("metadata.namespace=a,metadata.name=b")).requirements).toHaveLength(2);
    expect(errorOf(() => parseFieldSelectorFor("data.key=x"))).toBe(
      '"data.key" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});

describe("matchesFields", () => {
  const cases: [string, boolean][] = [
    ["metadata.name=web-1", true],
    ["metadata.name=web-2", false],
    ["status.phase!=Running", false],
    ["status.phase!=Pending", true],
    ["spec.nodeName=node-a,metadata.namespace=shop", true],
    ["spec.nodeName=node-a,metadata.namespace=other", false],
    ["status.nominatedNodeName=", true],
    ["status.nominatedNodeName!=", false],
    ["spec.hostNetwork=false", true],
    ["spec.host=node-a", true],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected}`, () => {
      expect(matchesFields(parseFieldSelectorFor(text, POD_FIELDS), pod, POD_FIELDS)).toBe(expected);
    });
  }

  it("matches everything with an empty selector", () => {
    expect(matchesFields(parseFieldSelector(""), {})).toBe(true);
  });

  it("compares booleans and numbers as Go prints them", () => {
    const node = { spec: { unschedulable: true }, status: { count: 3 } };
    expect(matchesFields(parseFieldSelector("spec.unschedulable=true"), node)).toBe(true);
    expect(matchesFields(parseFieldSelector("status.count=3"), node)).toBe(true);
  });
});

describe("fieldValue", () => {
  it("walks own properties only and reads objects and lists as absent", () => {
    expect(fieldValue(pod, "metadata.name")).toBe("web-1");
    expect(fieldValue(pod, "metadata")).toBeUndefined();
    expect(fieldValue(pod, "metadata.constructor")).toBeUndefined();
    expect(fieldValue({ a: [1] }, "a.0")).toBeUndefined();
    expect(fieldValue({ a: null }, "a")).toBeUndefined();
    expect(fieldValue(null, "a")).toBeUndefined();
  });
});

describe("formatFieldSelector", () => {
  it("writes = and != with escaped values", () => {
    expect(formatFieldSelector(parseFieldSelector("b!=x,a==y\\,z"))).toBe("a=y\\,z,b!=x");
    expect(escapeFieldValue("a\\b,c=d")).toBe("a\\\\b\\,c\\=d");
    expect(unescapeFieldValue(escapeFieldValue("a\\b,c=d"))).toBe("a\\b,c=d");
  });
});

import { describe, expect, it } from "vitest";
import {
  LabelSelectorError,
  describeLabelSelector,
  everything,
  formatLabelSelector,
  isEverything,
  labelSelectorFromSet,
  matches,
  nothing,
  parseLabelSelector,
} from "./label-selector";

const KEY_NAME_RULE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function parseError(text: string): LabelSelectorError {
  try {
    parseLabelSelector(text);
  } catch (error) {
    if (error instanceof LabelSelectorError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

const canonical = (text: string) => formatLabelSelector(parseLabelSelector(text));

describe("parseLabelSelector", () => {
  it("reads every operator and sorts requirements by key", () => {
    const selector = parseLabelSelector("tier in (web,api),app=shop,env!=prod,!canary,track,x==1,n notin (a),v>3,w<10");
    expect(selector.requirements).toEqual([
      { key: "app", operator: "=", values: ["shop"] },
      { key: "canary", operator: "!", values: [] },
      { key: "env", operator: "!=", values: ["prod"] },
      { key: "n", operator: "notin", values: ["a"] },
      { key: "tier", operator: "in", values: ["api", "web"] },
      { key: "track", operator: "exists", values: [] },
      { key: "v", operator: "gt", values: ["3"] },
      { key: "w", operator: "lt", values: ["10"] },
      { key: "x", operator: "==", values: ["1"] },
    ]);
  });

  it("treats empty and blank text as everything", () => {
    expect(parseLabelSelector("")).toBe(everything());
    expect(parseLabelSelector("  \t\n")).toBe(everything());
    expect(isEverything(parseLabelSelector(""))).toBe(true);
  });

  it("allows whitespace around tokens but not inside keys", () => {
    expect(canonical("  app = web ,  tier  in ( a , b ) , ! canary ")).toBe("app=web,!canary,tier in (a,b)");
    expect(parseError("app web").message).toBe(
      "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt",
    );
  });

  it("reads empty values and the words in/notin as values", () => {
    expect(parseLabelSelector("a=").requirements).toEqual([{ key: "a", operator: "=", values: [""] }]);
    expect(parseLabelSelector("a==,b!=x").requirements[0]).toEqual({ key: "a", operator: "==", values: [""] });
    expect(parseLabelSelector("a in ()").requirements[0]?.values).toEqual([""]);
    expect(parseLabelSelector("x in (foo,,baz)").requirements[0]?.values).toEqual(["", "baz", "foo"]);
    expect(parseLabelSelector("x in (,a)").requirements[0]?.values).toEqual(["", "a"]);
    expect(parseLabelSelector("x in (a,)").requirements[0]?.values).toEqual(["", "a"]);
    expect(parseLabelSelector("x in (b,a,b)").requirements[0]?.values).toEqual(["a", "b"]);
    expect(parseLabelSelector("a=in").requirements[0]?.values).toEqual(["in"]);
    expect(parseLabelSelector("in in (notin)").requirements[0]).toEqual({ key: "in", operator: "in", values: ["notin"] });
  });

  it("accepts prefixed keys", () => {
    expect(canonical("app.kubernetes.io/name=web")).toBe("app.kubernetes.io/name=web");
  });

  it("answers syntax errors with the API server's messages", () => {
    const cases: [string, string][] = [
      ["app=web,", "found '', expected: identifier after ','"],
      [",app", "found ',', expected: !, identifier, or 'end of string'"],
      ["=web", "found '=', expected: !, identifier, or 'end of string'"],
      ["app=web tier=api", "found 'tier', expected: ',' or 'end of string'"],
      ["!app=web", "found '=', expected: ',' or 'end of string'"],
      ["app=(web", "unable to parse requirement: found '(', expected: identifier"],
      ["app in web", "unable to parse requirement: found 'web' expected: '('"],
      ["app in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"],
      ["app in (a", "unable to parse requirement: found '', expected: ',' or ')'"],
      ["app in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
      ["app in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"],
      ["app ! web", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
      ["!", "unable to parse requirement: found '', expected: identifier"],
      ["!!a", "unable to parse requirement: found '!', expected: identifier"],
    ];
    for (const [text, message] of cases) expect(parseError(text).message, text).toBe(message);
  });

  it("validates keys with the <nil> field path the API server reports", () => {
    expect(parseError("-app=web").message).toBe(`unable to parse requirement: <nil>: Invalid value: "-app": ${KEY_NAME_RULE}`);
    expect(parseError("a/b/c").message).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    expect(parseError("/app").message).toBe('unable to parse requirement: <nil>: Invalid value: "/app": prefix part must be non-empty');
    expect(parseError("Example.com/app").message).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(parseError(`${"k".repeat(64)}`).message).toBe(
      `unable to parse requirement: <nil>: Invalid value: "${"k".repeat(64)}": name part must be no more than 63 bytes`,
    );
    expect(parseError("x.io/").message).toBe(
      `unable to parse requirement: <nil>: Invalid value: "x.io/": name part must be non-empty; ${KEY_NAME_RULE}`,
    );
  });

  it("accepts the longest legal key and value", () => {
    const prefix = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    expect(prefix).toHaveLength(253);
    const key = `${prefix}/${"n".repeat(63)}`;
    expect(parseLabelSelector(`${key}=${"v".repeat(63)}`).requirements[0]?.key).toBe(key);
    expect(parseError(`${prefix}x/n`).message).toContain("prefix part must be no more than 253 bytes");
  });

  it("validates values with the values[i][key] path", () => {
    expect(parseError("app=-web").message).toBe(`unable to parse requirement: values[0][app]: Invalid value: "-web": ${VALUE_RULE}`);
    expect(parseError(`app=${"v".repeat(64)}`).message).toBe(
      `unable to parse requirement: values[0][app]: Invalid value: "${"v".repeat(64)}": must be no more than 63 bytes`,
    );
    // Several bad values aggregate in brackets; indexes follow the sorted value set.
    expect(parseError("app in (ok,_b,-a)").message).toBe(
      `unable to parse requirement: [values[0][app]: Invalid value: "-a": ${VALUE_RULE}, values[1][app]: Invalid value: "_b": ${VALUE_RULE}]`,
    );
    expect(parseError("app in (ok,_b,-a)").causes.map((cause) => cause.field)).toEqual([
      "values[0][app]",
      "values[1][app]",
    ]);
  });

  it("requires integers for gt and lt", () => {
    expect(parseError("n>x").message).toBe(
      'unable to parse requirement: values[0]: Invalid value: "x": for \'Gt\', \'Lt\' operators, the value must be an integer',
    );
    expect(parseError("n>99999999999999999999").message).toContain("the value must be an integer");
    // Values are label values first: a negative number is not one.
    expect(parseError("n>-5").message).toBe(`unable to parse requirement: values[0][n]: Invalid value: "-5": ${VALUE_RULE}`);
    expect(matches(parseLabelSelector("n<05"), { n: "4" })).toBe(true);
  });

  it("stops at a NUL character like the Go lexer", () => {
    expect(canonical("a=b\0,c")).toBe("a=b");
  });
});

describe("matches", () => {
  const labels = { app: "web", tier: "fe", replicas: "3" };
  const cases: [string, boolean][] = [
    ["app=web", true],
    ["app==web", true],
    ["app=api", false],
    ["app!=api", true],
    ["missing!=x", true],
    ["app in (api,web)", true],
    ["app notin (api,web)", false],
    ["missing notin (a)", true],
    ["missing in (a)", false],
    ["app", true],
    ["missing", false],
    ["!missing", true],
    ["!app", false],
    ["replicas>2", true],
    ["replicas>3", false],
    ["replicas<4", true],
    ["app>1", false],
    ["missing<4", false],
    ["app=web,tier=fe", true],
    ["app=web,tier=be", false],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected}`, () => expect(matches(parseLabelSelector(text), labels)).toBe(expected));
  }

  it("matches everything with an empty selector and nothing with the nothing selector", () => {
    expect(matches(everything(), undefined)).toBe(true);
    expect(matches(everything(), labels)).toBe(true);
    expect(matches(nothing(), labels)).toBe(false);
    expect(matches(nothing(), {})).toBe(false);
  });

  it("reads absent labels as no labels", () => {
    expect(matches(parseLabelSelector("!app"), undefined)).toBe(true);
    expect(matches(parseLabelSelector("app"), null)).toBe(false);
  });

  it("does not see labels through the prototype", () => {
    expect(matches(parseLabelSelector("constructor"), {})).toBe(false);
    expect(matches(parseLabelSelector("!toString"), {})).toBe(true);
  });

  it("matches an empty value only when the label is present and empty", () => {
    expect(matches(parseLabelSelector("a="), { a: "" })).toBe(true);
    expect(matches(parseLabelSelector("a="), {})).toBe(false);
  });
});

describe("formatLabelSelector", () => {
  it("writes the canonical form with sorted set values", () => {
    expect(canonical("tier in (b,a),app=web")).toBe("app=web,tier in (a,b)");
    expect(canonical("x notin (z,y),!a,b,c==d,e!=f,g>1,h<2")).toBe("!a,b,c==d,e!=f,g>1,h<2,x notin (y,z)");
    expect(formatLabelSelector(everything())).toBe("");
    expect(formatLabelSelector(nothing())).toBe("");
  });

  it("round-trips through the parser", () => {
    const text = "app=web,!canary,tier in (a,b)";
    expect(canonical(canonical(text))).toBe(text);
  });
});

describe("labelSelectorFromSet", () => {
  it("requires every label, sorted by key", () => {
    const selector = labelSelectorFromSet({ tier: "fe", app: "web" });
    expect(formatLabelSelector(selector)).toBe("app=web,tier=fe");
    expect(matches(selector, { app: "web", tier: "fe", extra: "1" })).toBe(true);
    expect(matches(selector, { app: "web" })).toBe(false);
  });

  it("selects everything from an empty or absent set", () => {
    expect(labelSelectorFromSet({})).toBe(everything());
    expect(labelSelectorFromSet(undefined)).toBe(everything());
  });
});

describe("describeLabelSelector", () => {
  it("prints what kubectl describe prints", () => {
    expect(describeLabelSelector({ matchLabels: { app: "web" } })).toBe("app=web");
    expect(describeLabelSelector({})).toBe("<none>");
    expect(describeLabelSelector(null)).toBe("<none>");
    expect(describeLabelSelector({ matchExpressions: [{ key: "a", operator: "Bogus" }] })).toBe("<error>");
  });
});

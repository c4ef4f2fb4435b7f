import { describe, expect, it } from "vitest";
import { toYaml } from "./yaml";

const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega one two three four five six seven";

describe("toYaml folds long scalars as go-yaml does", () => {
  it("breaks at the first space past column 80, continuing 2 columns right of the key (kubectl 1.35's output)", () => {
    const yaml = toYaml({ data: { k: words, n: `123 ${words}`, q: `it's ${words}` } });
    expect(yaml).toBe(
      [
        "data:",
        "  k: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron",
        "    pi rho sigma tau upsilon phi chi psi omega one two three four five six seven",
        '  "n": 123 alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi',
        "    omicron pi rho sigma tau upsilon phi chi psi omega one two three four five six",
        "    seven",
        "  q: it's alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi",
        "    omicron pi rho sigma tau upsilon phi chi psi omega one two three four five six",
        "    seven",
        "",
      ].join("\n"),
    );
  });

  it("folds a single-quoted annotation like the LimitRanger one real kubectl prints", () => {
    const value = "LimitRanger plugin set: cpu, memory request for container hello-ctr; cpu, memory limit for container hello-ctr";
    expect(toYaml({ metadata: { annotations: { "kubernetes.io/limit-ranger": value } } })).toBe(
      "metadata:\n  annotations:\n    kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu, memory request for container\n      hello-ctr; cpu, memory limit for container hello-ctr'\n",
    );
  });

  it("leaves block scalars and sequence items that fit alone", () => {
    const text = `a\nb ${words}`;
    expect(toYaml({ m: text, s: ["short one"] })).toBe(`m: |-\n  a\n  b ${words}\ns:\n- short one\n`);
  });
});

import { describe, expect, it } from "vitest";
import { flag } from "../command";
import { parseFlags } from "./parse-flags";

const specs = [
  flag("namespace", "n", "string", ""),
  flag("all-namespaces", "A", "bool", ""),
  flag("watch", "w", "bool", ""),
  flag("output", "o", "string", ""),
  flag("replicas", undefined, "int", ""),
  flag("label-columns", "L", "stringSlice", ""),
  flag("filename", "f", "stringArray", ""),
];

describe("parseFlags (pflag rules)", () => {
  it("reads long flags with = or a following value, anywhere among the arguments", () => {
    const { flags, args } = parseFlags(["get", "--namespace=dev", "pods", "--output", "wide", "x"], specs);
    expect(args).toEqual(["get", "pods", "x"]);
    expect(flags.string("namespace")).toBe("dev");
    expect(flags.string("output")).toBe("wide");
  });

  it("reads short flags as -n ns, -nns, -n=ns and combined booleans", () => {
    expect(parseFlags(["-n", "a"], specs).flags.string("namespace")).toBe("a");
    expect(parseFlags(["-nb"], specs).flags.string("namespace")).toBe("b");
    expect(parseFlags(["-n=c"], specs).flags.string("namespace")).toBe("c");
    const combined = parseFlags(["-Awoyaml"], specs).flags;
    expect([combined.bool("all-namespaces"), combined.bool("watch"), combined.string("output")]).toEqual([true, true, "yaml"]);
  });

  it("stops at -- and keeps the rest as arguments", () => {
    const { flags, args } = parseFlags(["-A", "--", "-n", "x"], specs);
    expect(args).toEqual(["-n", "x"]);
    expect(flags.changed("namespace")).toBe(false);
  });

  it("parses ints, bools with values, and repeated lists", () => {
    const { flags } = parseFlags(["--replicas=3", "--watch=false", "-L", "a,b", "-L=c", "-f", "x,y", "-f", "z"], specs);
    expect(flags.int("replicas")).toBe(3);
    expect(flags.bool("watch")).toBe(false);
    expect(flags.changed("watch")).toBe(true);
    expect(flags.strings("label-columns")).toEqual(["a", "b", "c"]);
    expect(flags.strings("filename")).toEqual(["x,y", "z"]);
  });

  it("words errors as pflag does", () => {
    expect(() => parseFlags(["--foo"], specs)).toThrow("unknown flag: --foo");
    expect(() => parseFlags(["-z"], specs)).toThrow("unknown shorthand flag: 'z' in -z");
    expect(() => parseFlags(["--namespace"], specs)).toThrow("flag needs an argument: --namespace");
    expect(() => parseFlags(["-n"], specs)).toThrow("flag needs an argument: 'n' in -n");
    expect(() => parseFlags(["--replicas=x"], specs)).toThrow('invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax');
  });
});

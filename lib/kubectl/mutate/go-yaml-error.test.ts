import { describe, expect, it } from "vitest";
import { decodeManifests } from "./yaml-documents";

// Each expectation is what kubectl 1.35 prints after "error converting YAML to JSON: " for the same text.
const cases: [string, string, string][] = [
  ["an unclosed flow sequence", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n", "yaml: line 3: did not find expected ',' or ']'"],
  ["an unclosed flow map", "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n", "yaml: line 3: did not find expected ',' or '}'"],
  ["a flow sequence running into the next key", "apiVersion: v1\nmetadata: [a, b\nkind: Pod\n", "yaml: line 2: did not find expected ',' or ']'"],
  ["a second colon on a line", "apiVersion: v1\nkind: Pod: x\n", "yaml: line 2: mapping values are not allowed in this context"],
  ["a key indented too far", "apiVersion: v1\nmetadata:\n  name: x\n   labels: y\n", "yaml: line 4: mapping values are not allowed in this context"],
  ["a tab as indentation", "apiVersion: v1\nmetadata:\n\tname: x\n", "yaml: line 3: found character that cannot start any token"],
  ["an unclosed quote", 'apiVersion: v1\nkind: "Pod\nmetadata: {}\n', "yaml: line 4: found unexpected end of stream"],
  ["a key dedented out of its mapping", "a:\n  b: 1\n c: 2\n", "yaml: line 2: did not find expected key"],
];

describe("broken YAML reads as go-yaml's error", () => {
  it.each(cases)("%s", (_what, text, expected) => {
    expect(() => decodeManifests(text, "x.yml")).toThrow(`error parsing x.yml: error converting YAML to JSON: ${expected}`);
  });
});

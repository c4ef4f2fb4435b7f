import { describe, expect, it } from "vitest";
import { canonicalJson, computePodTemplateHash, fnv32a, safeEncodeString } from "./pod-template-hash";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("pod-template-hash", () => {
  it("is FNV-1a 32-bit (published test vectors)", () => {
    expect(fnv32a(bytes(""))).toBe(0x811c9dc5);
    expect(fnv32a(bytes("a"))).toBe(0xe40c292c);
    expect(fnv32a(bytes("foobar"))).toBe(0xbf9cf968);
  });

  it("renders each decimal digit in the safe alphabet by its code point, as SafeEncodeString does", () => {
    // '0' is code point 48, 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'. Hence real hashes like 6799fc88d8.
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
  });

  it("is stable under key order and changes with the template or the collision count", () => {
    const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } };
    const reordered = { spec: { containers: [{ image: "nginx:1.27", name: "web" }] }, metadata: { labels: { app: "web" } } };
    expect(canonicalJson(template)).toBe(canonicalJson(reordered));
    const hash = computePodTemplateHash(template);
    expect(computePodTemplateHash(reordered)).toBe(hash);
    expect(hash).toBe(safeEncodeString(String(fnv32a(bytes(canonicalJson(template))))));
    expect(computePodTemplateHash({ ...template, spec: { containers: [{ name: "web", image: "nginx:1.28" }] } })).not.toBe(hash);
    expect(computePodTemplateHash(template, 1)).not.toBe(hash);
    expect(computePodTemplateHash(template, 0)).not.toBe(hash);
  });
});

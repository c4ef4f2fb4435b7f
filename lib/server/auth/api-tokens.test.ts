import { describe, expect, it } from "vitest";
import { bearerToken, generateToken, hashToken } from "./api-tokens";

describe("api tokens", () => {
  it("are long, random and prefixed so leaked ones are recognisable", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^kc_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("are stored as a SHA-256 hex digest", () => {
    // sha256sum of the bytes "kc_abc"
    expect(hashToken("kc_abc")).toBe("d898902c61968e2a81aae365e30a2574627d6aeaf3ddf39af1ad769aeadaf96c");
    expect(hashToken("kc_abc")).not.toBe(hashToken("kc_abd"));
  });

  it("reads only well-formed bearer headers", () => {
    expect(bearerToken("Bearer kc_x")).toBe("kc_x");
    expect(bearerToken("bearer kc_x ")).toBe("kc_x");
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    // Service account JWTs run past a kilobyte; absurd lengths are still refused before any lookup.
    expect(bearerToken(`Bearer ${"x".repeat(2000)}`)).toBe("x".repeat(2000));
    expect(bearerToken(`Bearer ${"x".repeat(20_000)}`)).toBeUndefined();
  });
});

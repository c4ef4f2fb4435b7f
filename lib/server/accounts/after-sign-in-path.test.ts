import { describe, expect, it } from "vitest";
import { afterSignInPath, inviteCodeFrom, safeCallbackPath } from "./after-sign-in-path";

describe("where to go after signing in", () => {
  it("accepts only relative paths on this site", () => {
    expect(safeCallbackPath("/account/tokens")).toBe("/account/tokens");
    expect(safeCallbackPath("/join/ABC?x=1#top")).toBe("/join/ABC?x=1#top");
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "account", "/a\nb", "", undefined, null]) {
      expect(safeCallbackPath(bad)).toBeUndefined();
    }
  });

  it("reads invite codes as stored, from a code or a pasted link", () => {
    expect(inviteCodeFrom("demo-2026")).toBe("DEMO2026");
    expect(inviteCodeFrom("https://kubeclass.example/join/ab3k-7qxz")).toBe("AB3K7QXZ");
    expect(inviteCodeFrom("../../admin")).toBeUndefined();
    expect(inviteCodeFrom("%E0%A4%A")).toBeUndefined();
    expect(inviteCodeFrom(undefined)).toBeUndefined();
  });

  it("goes to the classroom being joined first, then the page that sent the person, else home", () => {
    expect(afterSignInPath({ invite: "demo-2026", callbackUrl: "/account/tokens" })).toBe("/join/DEMO2026");
    expect(afterSignInPath({ callbackUrl: "/account/tokens" })).toBe("/account/tokens");
    expect(afterSignInPath({ callbackUrl: "https://evil.example/" })).toBe("/");
    expect(afterSignInPath({})).toBe("/");
  });
});

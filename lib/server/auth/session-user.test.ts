import { describe, expect, it } from "vitest";
import { sessionCookieName, sessionCookieValue } from "./session-user";

describe("reading the session cookie from a raw Cookie header", () => {
  it("finds the cookie among others, by next-auth's name for http and https sites", () => {
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    const header = "a=1; next-auth.csrf-token=x%7Cy; next-auth.session-token=eyJ.abc.def; z=2";
    expect(sessionCookieValue(header, "next-auth.session-token")).toBe("eyJ.abc.def");
    expect(sessionCookieValue(header, "__Secure-next-auth.session-token")).toBeUndefined();
    expect(sessionCookieValue("", "next-auth.session-token")).toBeUndefined();
  });

  it("joins chunks in numeric order when next-auth split a large token", () => {
    const header = "next-auth.session-token.10=K; next-auth.session-token.1=B; next-auth.session-token.0=A; next-auth.session-token.2=C";
    expect(sessionCookieValue(header, "next-auth.session-token")).toBe("ABCK");
    expect(sessionCookieValue("next-auth.session-token.x=1", "next-auth.session-token")).toBeUndefined();
  });

  it("ignores a malformed value rather than throwing", () => {
    expect(sessionCookieValue("next-auth.session-token=%E0%A4%A", "next-auth.session-token")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./auth-error-message";

describe("sign-in error messages", () => {
  it("turn next-auth's codes into sentences", () => {
    expect(signInErrorMessage("CredentialsSignin", "server")).toBe("That e-mail address and password do not match an account here.");
    expect(signInErrorMessage("OAuthCallback", "url")).toMatch(/did not finish/);
    expect(signInErrorMessage(undefined, "url")).toBeUndefined();
    expect(signInErrorMessage("", "server")).toBeUndefined();
  });

  it("show the server's own sentences, but never free text from a link", () => {
    const limited = "Too many sign-in attempts. Try again in 12 minutes.";
    expect(signInErrorMessage(limited, "server")).toBe(limited);
    expect(signInErrorMessage(limited, "url")).toBe("Signing in did not work. Please try again.");
    expect(signInErrorMessage("Your account is locked, call +1 555 0100 now.", "url")).toBe("Signing in did not work. Please try again.");
    expect(signInErrorMessage("<b>oops</b>.", "server")).toBe("Signing in did not work. Please try again.");
  });
});

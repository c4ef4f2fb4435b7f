import { describe, expect, it, vi } from "vitest";

// The options as next-auth receives them, built with a configured secret and both optional providers.
vi.stubEnv("AUTH_SECRET", "a".repeat(40));
vi.stubEnv("PUBLIC_URL", "https://class.example");
vi.stubEnv("GITHUB_ID", "gh-id");
vi.stubEnv("GITHUB_SECRET", "gh-secret");
vi.stubEnv("OIDC_ISSUER", "https://idp.example/realms/school/");
vi.stubEnv("OIDC_CLIENT_ID", "kubeclass");
vi.stubEnv("OIDC_CLIENT_SECRET", "oidc-secret");
const { authOptions, SESSION_MAX_AGE_SECONDS } = await import("./auth-options");
const options = authOptions();
const callbacks = options.callbacks!;

describe("next-auth options", () => {
  it("use JWT sessions for 30 days with secure cookies on an https site, and the configured secret", () => {
    expect(options.session).toEqual({ strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS });
    expect(SESSION_MAX_AGE_SECONDS).toBe(30 * 24 * 3600);
    expect(options.useSecureCookies).toBe(true);
    expect(options.secret).toBe("a".repeat(40));
    expect(options.pages).toEqual({ signIn: "/signin", error: "/signin" });
  });

  it("offer e-mail and password, plus GitHub and OIDC when configured", () => {
    expect(options.providers.map((p) => p.id)).toEqual(["credentials", "github", "oidc"]);
    const oidc = options.providers[2] as { wellKnown?: string; idToken?: boolean; name: string };
    expect(oidc.wellKnown).toBe("https://idp.example/realms/school/.well-known/openid-configuration");
    expect(oidc.idToken).toBe(true);
    expect(oidc.name).toBe("Single sign-on");
  });

  it("seal only the user id and the session generation into the token", async () => {
    const signedIn = await callbacks.jwt!({
      token: { name: "Ada", email: "ada@example.org", picture: null, sub: "u1" },
      user: { id: "u1", sessionVersion: 4 } as never,
      account: { type: "credentials", provider: "credentials", providerAccountId: "u1" },
      trigger: "signIn",
    } as never);
    expect(signedIn).toEqual({ sub: "u1", sessionVersion: 4 });
    const read = await callbacks.jwt!({ token: { sub: "u1", sessionVersion: 4, name: "stale", iat: 1, exp: 2, jti: "j" } } as never);
    expect(read).toEqual({ sub: "u1", sessionVersion: 4 });
    const session = await callbacks.session!({ session: { expires: "2030-01-01T00:00:00Z", user: { name: "Ada" } }, token: { sub: "u1", sessionVersion: 4 } } as never);
    expect(session).toEqual({ expires: "2030-01-01T00:00:00Z", userId: "u1", sessionVersion: 4 });
  });

  it("let a provider's user in only with an e-mail address the provider verified", async () => {
    const oauth = { type: "oauth", provider: "oidc", providerAccountId: "x" };
    expect(await callbacks.signIn!({ account: oauth, profile: { email: "a@example.org", email_verified: true } } as never)).toBe(true);
    expect(await callbacks.signIn!({ account: oauth, profile: { email: "a@example.org", email_verified: false } } as never)).toBe("/signin?error=UnverifiedEmail");
    expect(await callbacks.signIn!({ account: oauth, profile: { email: "a@example.org" } } as never)).toBe("/signin?error=UnverifiedEmail");
    expect(await callbacks.signIn!({ account: { type: "credentials", provider: "credentials" }, user: { id: "u1" } } as never)).toBe(true);
  });
});

import type { Provider } from "next-auth/providers/index";
import GitHubImport from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Env } from "../env";
import type { VerifiedIdentity } from "../accounts/link-oauth-user";

/**
 * next-auth ships CommonJS with `exports.default`. Next's bundler unwraps it; plain Node (tsx, scripts, the
 * esbuild-bundled server) hands over the whole `exports` object as the default import instead.
 */
export function cjsDefault<T>(imported: T): T {
  const wrapped = imported as T & { default?: T };
  return typeof imported === "object" && imported !== null && wrapped.default !== undefined ? wrapped.default : imported;
}

const GitHub = cjsDefault(GitHubImport);

type ProviderConfig = Pick<Env, "GITHUB_ID" | "GITHUB_SECRET" | "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_NAME">;

/** What the sign-in page offers besides e-mail and password (only ids and labels: no secrets reach the page). */
export type ExternalProvider = { id: "github" | "oidc"; name: string };

export function externalProviders(config: ProviderConfig): ExternalProvider[] {
  const list: ExternalProvider[] = [];
  if (config.GITHUB_ID && config.GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) list.push({ id: "oidc", name: config.OIDC_NAME });
  return list;
}

/** Profiles as our providers return them: `email_verified` is what links an account, so it must be explicit. */
type VerifiedProfile = { sub?: string; id?: number | string; login?: string; name?: string | null; preferred_username?: string; email?: string | null; email_verified?: boolean };

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

export function oauthProviders(config: ProviderConfig): Provider[] {
  const providers: Provider[] = [];
  if (config.GITHUB_ID && config.GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: config.GITHUB_ID,
        clientSecret: config.GITHUB_SECRET,
        // GitHub's /user shows only a public address; /user/emails says which addresses GitHub has verified.
        // Accounts are linked by e-mail, so only a verified one (the primary if verified) may be used.
        userinfo: {
          url: "https://api.github.com/user",
          async request({ tokens }) {
            const headers = { authorization: `Bearer ${tokens.access_token ?? ""}`, accept: "application/vnd.github+json" };
            const [user, emails] = await Promise.all([
              fetch("https://api.github.com/user", { headers }).then((r) => r.json() as Promise<Record<string, unknown>>),
              fetch("https://api.github.com/user/emails", { headers }).then((r) => (r.ok ? (r.json() as Promise<GitHubEmail[]>) : [])),
            ]);
            const verified = emails.filter((e) => e.verified);
            const chosen = verified.find((e) => e.primary) ?? verified[0];
            return { ...user, email: chosen?.email, email_verified: chosen !== undefined };
          },
        },
      }),
    );
  }
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    const oidc: OAuthConfig<VerifiedProfile> = {
      id: "oidc",
      name: config.OIDC_NAME,
      type: "oauth",
      wellKnown: `${config.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile) => ({
        id: profile.sub ?? "",
        name: profile.name ?? profile.preferred_username ?? profile.email ?? "",
        email: profile.email ?? null,
      }),
    };
    providers.push(oidc);
  }
  return providers;
}

/** The identity to link, if the provider verified the address; otherwise none (and sign-in is refused). */
export function verifiedIdentity(profile: unknown): VerifiedIdentity | undefined {
  if (typeof profile !== "object" || profile === null) return undefined;
  const p = profile as VerifiedProfile;
  if (p.email_verified !== true || typeof p.email !== "string" || !p.email.includes("@")) return undefined;
  const name = p.name ?? p.preferred_username ?? p.login ?? p.email;
  return { email: p.email.toLowerCase(), name };
}

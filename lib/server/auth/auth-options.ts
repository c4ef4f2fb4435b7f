import type { AuthOptions } from "next-auth";
import CredentialsImport from "next-auth/providers/credentials";
import { z } from "zod";
import { linkOAuthUser } from "../accounts/link-oauth-user";
import { signInWithPassword } from "../accounts/sign-in-with-password";
import { prisma } from "../db/prisma";
import { env } from "../env";
import { logger } from "../logger";
import { PlatformError } from "../platform-errors";
import { authSecret } from "./auth-secret";
import { cjsDefault, oauthProviders, verifiedIdentity } from "./auth-providers";
import { CLIENT_ADDRESS_HEADER } from "./sign-in-limit-client-address";
import { signInLimiter } from "./sign-in-limit";

declare module "next-auth" {
  /** What getServerSession returns: who, and which generation of their sessions; the rest comes from the database. */
  interface Session {
    userId?: string;
    sessionVersion?: number;
  }
}

const Credentials = cjsDefault(CredentialsImport);

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const credentialsInput = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024) });

/** Sentences the sign-in form may show as they are (anything else becomes a generic one). */
export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now. Please try again in a minute.";

/** The token next-auth seals into the session cookie: the user's id and session generation, nothing else. */
function sessionToken(subject: { id: string; sessionVersion: number }) {
  return { sub: subject.id, sessionVersion: subject.sessionVersion };
}

function buildAuthOptions(): AuthOptions {
  const config = env();
  const log = logger("auth");
  // next-auth takes its own origin (redirects, callback URLs) from NEXTAUTH_URL; ours is PUBLIC_URL.
  process.env.NEXTAUTH_URL ??= config.PUBLIC_URL;

  return {
    secret: authSecret(config),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: config.PUBLIC_URL.startsWith("https:"),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const input = credentialsInput.safeParse(credentials);
          if (!input.success) return null;
          const header: unknown = (request.headers as Record<string, unknown> | undefined)?.[CLIENT_ADDRESS_HEADER];
          const address = typeof header === "string" ? header : "unknown";
          try {
            return (await signInWithPassword({ prisma: prisma(), limiter: signInLimiter() }, { ...input.data, address })) ?? null;
          } catch (error) {
            // next-auth hands a thrown message to the form (as ?error=…): only our own sentences may travel that way.
            if (error instanceof PlatformError) throw new Error(error.message);
            log.error({ err: error }, "password sign-in failed");
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
        },
      }),
      ...oauthProviders(config),
    ],
    callbacks: {
      signIn({ account, profile }) {
        if (account?.type !== "oauth") return true;
        // Accounts are linked by e-mail address, so an address the provider has not verified links nothing.
        return verifiedIdentity(profile) ? true : "/signin?error=UnverifiedEmail";
      },
      async jwt({ token, user, account, profile }) {
        if (account?.type === "oauth") {
          const identity = verifiedIdentity(profile);
          if (!identity) throw new Error("UnverifiedEmail");
          return sessionToken(await linkOAuthUser(prisma(), identity));
        }
        if (user) {
          const sessionVersion = "sessionVersion" in user && typeof user.sessionVersion === "number" ? user.sessionVersion : -1;
          return sessionToken({ id: user.id, sessionVersion });
        }
        // A session being read: keep only our two claims (next-auth re-stamps iat, exp and jti).
        return { sub: token.sub, sessionVersion: token.sessionVersion };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          ...(token.sub ? { userId: token.sub } : {}),
          ...(typeof token.sessionVersion === "number" ? { sessionVersion: token.sessionVersion } : {}),
        };
      },
    },
    logger: {
      error: (code, metadata) => log.error({ code, metadata }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: (code, metadata) => log.debug({ code, metadata }, "next-auth debug"),
    },
  };
}

const shared = globalThis as typeof globalThis & { __kubeclassAuthOptions?: AuthOptions };

/** Built on first use, not at import: `next build` imports the route without a production secret. */
export function authOptions(): AuthOptions {
  shared.__kubeclassAuthOptions ??= buildAuthOptions();
  return shared.__kubeclassAuthOptions;
}

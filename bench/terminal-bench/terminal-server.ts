import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import type { PlatformUser } from "../../lib/server/auth/platform-user";
import { sessionUserFromCookieHeader } from "../../lib/server/auth/session-user";
import type { PrismaClient } from "../../lib/server/db/generated/prisma/client";
import { openUserTerminal, type TerminalDeps } from "../../lib/server/terminal/open-user-terminal";
import type { SessionRegistry } from "../../lib/server/terminal/session-registry";
import { attachTerminalNamespace } from "../../lib/server/terminal/terminal-namespace";
import { terminalDeps } from "../../lib/server/terminal/terminal-runtime";

export type TerminalServerDeps = {
  /** The database the API server of this process uses (a throwaway one): homes and history go there too. */
  prisma: PrismaClient;
  /** The URL kubeconfigs name (the API server's). */
  apiUrl: string;
  onError?: (error: unknown, context: string) => void;
};

export type TerminalServer = {
  /** http://127.0.0.1:<port>; the namespace is `${url}/terminal`. */
  url: string;
  registry: SessionRegistry;
  /** A Cookie header that signs `user` in, as the browser would send it. */
  cookieFor(user: PlatformUser): Promise<string>;
  stop(): Promise<void>;
};

const COOKIE_NAME = "next-auth.session-token";

/**
 * A socket.io server with the real `/terminal` namespace and the web process's own terminal wiring (terminal-
 * runtime.ts: the real shell; kubectl, kubens and kubectx as the user through this process's cluster API, with the
 * learner rate limit), over the given database instead of DATABASE_URL's. Sign-in is real too: the same next-auth
 * JWT cookie check and database lookup as the web's, with a secret made up for this server, so a test or
 * benchmark signs a user in by minting their cookie rather than through the sign-in page.
 */
export async function startTerminalServer(options: TerminalServerDeps): Promise<TerminalServer> {
  const secret = randomBytes(32).toString("base64url");
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  const deps: TerminalDeps = {
    ...terminalDeps(),
    prisma: options.prisma,
    serverUrl: options.apiUrl,
    onError: options.onError ?? ((error, context) => console.error(`terminal server: ${context}:`, error)),
  };
  const terminal = attachTerminalNamespace(io, {
    resolveUser: (cookie) => sessionUserFromCookieHeader(cookie, { prisma: options.prisma, secret, cookieName: COOKIE_NAME }),
    createSession: (user, size) => openUserTerminal(deps, user, size),
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    registry: terminal.registry,
    cookieFor: async (user) => `${COOKIE_NAME}=${await encode({ token: { sub: user.id, sessionVersion: 0 }, secret })}`,
    stop: async () => {
      terminal.stop();
      await io.close();
    },
  };
}

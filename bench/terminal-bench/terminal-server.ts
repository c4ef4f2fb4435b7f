import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { kubectlProgram } from "../../lib/kubectl/kubectl-program";
import type { ClusterApi } from "../../lib/server/apiserver/cluster-api";
import type { PlatformUser } from "../../lib/server/auth/platform-user";
import { sessionUserFromCookieHeader } from "../../lib/server/auth/session-user";
import type { PrismaClient } from "../../lib/server/db/generated/prisma/client";
import { kubectlDepsFor } from "../../lib/server/terminal/kubectl-deps-for";
import { openUserTerminal } from "../../lib/server/terminal/open-user-terminal";
import type { SessionRegistry } from "../../lib/server/terminal/session-registry";
import { attachTerminalNamespace } from "../../lib/server/terminal/terminal-namespace";
import type { TerminalSession, TerminalSessionOptions } from "../../lib/terminal/terminal-session";

export type TerminalServerDeps = {
  api: ClusterApi;
  /** The URL kubeconfigs name (the API server's). */
  apiUrl: string;
  prisma: PrismaClient;
  /** The shell: lib/terminal's openTerminalSession. */
  openSession(options: TerminalSessionOptions): TerminalSession;
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
 * A socket.io server with the real `/terminal` namespace, shells opened as production opens them (home and
 * history in Postgres, kubectl through the in-process cluster API as the user). Sign-in is real too: the same
 * next-auth JWT cookie check and database lookup as the web's, with a secret made up for this server, so a test
 * or benchmark signs a user in by minting their cookie rather than through the sign-in page.
 */
export async function startTerminalServer(deps: TerminalServerDeps): Promise<TerminalServer> {
  const secret = randomBytes(32).toString("base64url");
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  const onError = deps.onError ?? ((error: unknown, context: string) => console.error(`terminal server: ${context}:`, error));
  const terminal = attachTerminalNamespace(io, {
    resolveUser: (cookie) => sessionUserFromCookieHeader(cookie, { prisma: deps.prisma, secret, cookieName: COOKIE_NAME }),
    createSession: (user, size) =>
      openUserTerminal(
        {
          prisma: deps.prisma,
          openSession: (options) => deps.openSession(options),
          programs: (u) => ({ programs: { kubectl: kubectlProgram(kubectlDepsFor(u, deps.apiUrl, () => Promise.resolve(deps.api))) }, completers: {} }),
          serverUrl: deps.apiUrl,
          now: () => new Date(),
          onError,
        },
        user,
        size,
      ),
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

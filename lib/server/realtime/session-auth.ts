import type { Namespace, Socket } from "socket.io";
import type { PlatformUser } from "../auth/platform-user";
import { sessionUserFromCookieHeader } from "../auth/session-user";
import { logger } from "../logger";

/** What a namespace behind requireSession can rely on: `socket.data.user`, loaded from the database. */
export type SessionSocketData = { user: PlatformUser };

type ResolveUser = (cookieHeader: string | undefined) => Promise<PlatformUser | undefined>;

/**
 * A browser opens WebSockets to any site with that site's cookies; the Origin header is how a server tells its
 * own pages from someone else's. Cookies are SameSite=Lax too; this also covers older browsers.
 */
function foreignOrigin(socket: Socket): boolean {
  const { origin, host } = socket.handshake.headers;
  if (!origin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Only signed-in users may connect to `namespace`: the handshake's next-auth session cookie is checked (and the
 * user loaded) exactly as a page request would be; anyone else is refused with Error("unauthorized").
 */
export function requireSession(namespace: Namespace, resolveUser: ResolveUser = sessionUserFromCookieHeader): void {
  const log = logger(`realtime:${namespace.name}`);
  namespace.use((socket, next) => {
    if (foreignOrigin(socket)) return next(new Error("unauthorized"));
    resolveUser(socket.handshake.headers.cookie).then(
      (user) => {
        if (!user) return next(new Error("unauthorized"));
        (socket.data as SessionSocketData).user = user;
        next();
      },
      (error: unknown) => {
        log.warn({ err: error }, "could not check a socket's session");
        next(new Error("unauthorized"));
      },
    );
  });
}

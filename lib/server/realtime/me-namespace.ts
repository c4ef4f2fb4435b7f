import type { Server } from "socket.io";
import { requireSession, type SessionSocketData } from "./session-auth";

/**
 * `/me`: says who the socket's session is (`hello` with e-mail and role). The smallest namespace behind
 * requireSession, and the pattern the terminal and dashboards follow.
 */
export function attachMeNamespace(io: Server, resolveUser?: Parameters<typeof requireSession>[1]): void {
  const namespace = io.of("/me");
  requireSession(namespace, resolveUser);
  namespace.on("connection", (socket) => {
    const { user } = socket.data as SessionSocketData;
    socket.emit("hello", { email: user.email, role: user.role });
  });
}

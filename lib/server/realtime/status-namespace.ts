import type { Server } from "socket.io";
import { checkHealth } from "../health/check-health";
import { logger } from "../logger";

const PUSH_EVERY_MS = 3000;

/**
 * `/status`: pushes the same report as GET /healthz to anyone watching the home page. It is public for the
 * same reason /healthz is, and it is the only namespace that is; it accepts no events from clients.
 */
export function attachStatusNamespace(io: Server): () => void {
  const log = logger("realtime:status");
  const namespace = io.of("/status");
  let timer: NodeJS.Timeout | undefined;

  const push = async () => {
    try {
      namespace.emit("health", await checkHealth());
    } catch (error) {
      log.warn({ err: error }, "health push failed");
    }
  };

  namespace.on("connection", (socket) => {
    void checkHealth().then((report) => socket.emit("health", report));
    // Only work while someone is watching.
    timer ??= setInterval(() => void push(), PUSH_EVERY_MS);
    socket.on("disconnect", () => {
      if (namespace.sockets.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    });
  });

  return () => clearInterval(timer);
}

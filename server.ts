import { createServer } from "node:http";
import next from "next";
import { Server } from "socket.io";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { attachStatusNamespace } from "@/lib/server/realtime/status-namespace";
import { attachMeNamespace } from "@/lib/server/realtime/me-namespace";
import { attachClassroomLiveNamespace } from "@/lib/server/realtime/classroom-live-namespace";
import { attachTerminals } from "@/lib/server/terminal/terminal-runtime";
import { attachStudentViews } from "@/lib/server/realtime/student-view-runtime";
import { authSecret } from "@/lib/server/auth/auth-secret";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/server/auth/sign-in-limit-client-address";
import { startApiServer, type RunningApiServer } from "@/lib/server/apiserver/start-api-server";
import { reportUnreachableServices } from "@/lib/server/startup-probe";

// One port for pages, route handlers and socket.io: the browser needs no second origin for its terminal.
const log = logger("web");
const config = env();
const dev = config.NODE_ENV !== "production";
// Sessions cannot be signed without a secret (e.g. DATA_DIR is not writable): say so now, in one line, not on the first sign-in.
try {
  authSecret(config);
} catch (error) {
  log.fatal((error as Error).message);
  process.exit(1);
}

const app = next({ dev, hostname: config.HOST, port: config.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  // The address sign-in limits count by; whatever a client put in this header is replaced.
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUSTED_PROXY_HOPS);
  void handle(req, res);
});
const io = new Server(server, { serveClient: false });
const stopStatus = attachStatusNamespace(io);
attachMeNamespace(io);
attachClassroomLiveNamespace(io);
const stopTerminals = attachTerminals(io);
attachStudentViews(io);

// The Kubernetes API on its own HTTPS port. If Postgres is down at start it cannot bootstrap; the web still
// serves (and /healthz says why), and the API is retried until it comes up.
let apiServer: RunningApiServer | undefined;
async function startApi(attempt = 0): Promise<void> {
  try {
    apiServer = await startApiServer(logger("apiserver"));
  } catch (error) {
    const delay = Math.min(1000 * 2 ** attempt, 30_000);
    log.error({ err: error }, `Kubernetes API did not start; retrying in ${delay / 1000} s`);
    setTimeout(() => void startApi(attempt + 1), delay).unref();
  }
}
void startApi();

server.listen(config.PORT, config.HOST, () => {
  log.info(`kubeclass web listening on http://${config.HOST}:${config.PORT} (${dev ? "development" : "production"})`);
  // Say clearly, once, what is missing; keep serving so /healthz can tell the same story and recover.
  void reportUnreachableServices(log);
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) process.exit(1);
  stopping = true;
  log.info(`${signal}: closing connections`);
  stopStatus();
  stopTerminals();
  void io.close();
  void apiServer?.close();
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

import { createServer, type Server } from "node:https";
import type pg from "pg";
import type { Logger } from "pino";
import type { PrismaClient } from "../db/generated/prisma/client";
import { bootstrapCluster } from "@/lib/cluster/api/bootstrap-cluster";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import { createServiceAccountAuthenticator } from "../auth/service-account-authenticator";
import { createServiceAccountJwt } from "../auth/service-account-jwt";
import { createTokenAuthenticator } from "../auth/token-authenticator";
import { pool } from "../db/pool";
import { prisma } from "../db/prisma";
import { env } from "../env";
import { audited } from "@/lib/cluster/api/audit-policy";
import { RequestLimiter } from "@/lib/cluster/api/rate-limit/request-limiter";
import { activityBus } from "../realtime/activity-bus";
import { createAuditSink } from "./audit-sink";
import { ensureServiceAccountKey, ensureServingMaterial } from "./certificates";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { ensureClassroomFixtures } from "../classrooms/classroom-fixtures";
import { createClusterApi, DEFAULT_CLUSTER, platformUser, type ClusterApi } from "./cluster-api";
import { createExecUpgradeHandler } from "./exec-websocket";
import { createHttpHandler } from "./http-adapter";
import { setProcessClusterApi } from "./process-cluster-api";

export type RunningApiServer = { server: Server; api: ClusterApi; caPem: string; url: string; close(): Promise<void> };

/** The public host name of the API: what kubeconfigs point at and the serving certificate covers. */
export function apiHost(): string {
  const config = env();
  return config.API_HOST ?? new URL(config.PUBLIC_URL).hostname;
}

export type ApiServerDeps = {
  pool: pg.Pool;
  prisma: PrismaClient;
  dataDir: string;
  host: string;
  /** Where to listen; port 0 picks a free one. */
  listenHost: string;
  port: number;
  /**
   * Each learner's request budget (instructors get more, admins none); absent or 0 → nobody is limited.
   * refusalHoldMs: how long a 429 is held before it is sent (http-adapter.ts), 1 s by default.
   */
  rateLimit?: { qps: number; burst: number; refusalHoldMs?: number };
  /** Whether to install the classroom's book fixtures (StorageClasses, the Book CRD): on in production. */
  classroomFixtures?: boolean;
};

/** The process's own settings and shared clients (tests pass their own). */
export function defaultApiServerDeps(): ApiServerDeps {
  const config = env();
  return {
    pool: pool(),
    prisma: prisma(),
    dataDir: config.DATA_DIR,
    host: apiHost(),
    listenHost: config.HOST,
    port: config.API_PORT,
    rateLimit: { qps: config.API_RATE_LIMIT_QPS, burst: config.API_RATE_LIMIT_BURST },
    classroomFixtures: true,
  };
}

/** Starts the Kubernetes API on HTTPS, after making sure the cluster has its bootstrap objects. */
export async function startApiServer(log: Logger, deps: ApiServerDeps = defaultApiServerDeps()): Promise<RunningApiServer> {
  const host = deps.host;
  const material = await ensureServingMaterial(deps.dataDir, [host]);
  const serviceAccountTokens = createServiceAccountJwt(await ensureServiceAccountKey(deps.dataDir));
  const audit = createAuditSink(deps.pool, DEFAULT_CLUSTER, (error) => log.warn({ err: error }, "audit write failed"));
  const api = createClusterApi({
    pool: deps.pool,
    serverAddress: `${host}:${deps.port || 6443}`,
    audit: (record) => {
      if (!audited(record, "anyone")) return;
      const at = new Date();
      audit.record(record, at);
      const { user: username, verb, resource, subresource, namespace, name, code } = record;
      activityBus.emit({ kind: "api", username, verb, resource, subresource, namespace, name, code, message: record.message ?? null, at });
    },
    onError: (error, context) => log.error({ err: error, context }, "cluster API internal error"),
    tokenIssuer: serviceAccountTokens,
  });
  setProcessClusterApi(api);
  // Trim the change log to its history window (watches older than that get 410 Expired and re-list).
  const compaction = setInterval(() => {
    api.store.compact().catch((error: unknown) => log.warn({ err: error }, "store compaction failed"));
  }, 60_000);
  compaction.unref();
  let created = await bootstrapCluster(api.ctx);
  if (deps.classroomFixtures) created += await ensureClassroomFixtures(new InProcessClient((request) => api.serve(request), platformUser));
  if (created > 0) log.info(`bootstrapped the cluster with ${created} objects`);

  const authenticate = createTokenAuthenticator({
    prisma: deps.prisma,
    serviceAccounts: createServiceAccountAuthenticator({
      jwt: serviceAccountTokens,
      lookup: (resource, namespace, name) => api.ctx.store.get({ cluster: api.ctx.cluster, group: "", resource, namespace, name }),
    }),
  });
  const limiter =
    deps.rateLimit && deps.rateLimit.qps > 0 && deps.rateLimit.burst > 0
      ? new RequestLimiter({ learner: { perSecond: deps.rateLimit.qps, burst: deps.rateLimit.burst }, now: () => performance.now() })
      : undefined;
  // Counted at the HTTPS edge: in-process requests (the platform, controllers) do not pass here and are not limited.
  const admit = limiter ? { admit: (user: UserInfo) => limiter.admit(user) } : {};
  const hold = deps.rateLimit?.refusalHoldMs !== undefined ? { refusalHoldMs: deps.rateLimit.refusalHoldMs } : {};
  const handler = createHttpHandler({
    authenticate,
    ...admit,
    ...hold,
    serve: (request) => api.serve(request),
    onInternalError: (error) => log.error({ err: error }, "cluster API request failed"),
  });
  const server = createServer({ cert: material.certPem, key: material.keyPem }, handler);
  // kubectl exec upgrades to a WebSocket stream (exec-websocket.ts).
  server.on(
    "upgrade",
    createExecUpgradeHandler({
      authenticate,
      ...admit,
      serve: (request) => api.serve(request),
      onInternalError: (error) => log.error({ err: error }, "exec stream failed"),
      now: () => Date.now(),
    }),
  );
  // Watches are long-lived: no request timeout; idle sockets still close.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(deps.port, deps.listenHost, () => resolve());
  });
  // API_PORT=0 (tests) picks a free port: report the one we got.
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : deps.port;
  const url = `https://${host}:${port}`;
  log.info(`Kubernetes API listening on ${url}`);
  return {
    server,
    api,
    caPem: material.caPem,
    url,
    close: async () => {
      clearInterval(compaction);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await audit.close();
      await api.close();
    },
  };
}

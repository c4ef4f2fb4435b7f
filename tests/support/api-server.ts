import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pino } from "pino";
import { buildKubeconfig } from "@/lib/server/apiserver/kubeconfig";
import { startApiServer, type RunningApiServer } from "@/lib/server/apiserver/start-api-server";
import { issueApiToken } from "@/lib/server/auth/token-authenticator";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { createThrowawayDatabase } from "./database";

export type TestUser = { email: string; token: string; kubeconfig: string };

export type TestApiServer = {
  url: string;
  caPem: string;
  running: RunningApiServer;
  /** The throwaway database behind it, for assertions on what was stored (audit rows, tokens). */
  pool: pg.Pool;
  /** Its connection string, for other processes (a worker running the controllers). */
  databaseUrl: string;
  /** A platform user with a token and a kubeconfig file for it. */
  user(email: string, role: "ADMIN" | "INSTRUCTOR" | "LEARNER", namespace?: string): Promise<TestUser>;
  stop(): Promise<void>;
};

export type TestApiServerOptions = {
  /** Per-user rate limits (API_RATE_LIMIT_QPS/BURST); off unless given, so other tests' floods are not refused. */
  rateLimit?: { qps: number; burst: number; refusalHoldMs?: number };
  /** The classroom's book fixtures (StorageClasses fast/slow/flash, the Book CRD), as production installs them. */
  classroomFixtures?: boolean;
};

/**
 * The real API server (HTTPS, tokens, RBAC, Postgres store) on a free port, over a fresh migrated database and a
 * temporary data directory, as `server.ts` would run it.
 */
export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const database = await createThrowawayDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 8 });
  // Dropping the database at stop() terminates any connection still open (e.g. the change feed's, closing as the
  // drop runs); an idle client's error must not become an unhandled 'error' event that kills the test process.
  pool.on("error", () => undefined);
  const prisma = createPrismaClient(database.url);
  const dataDir = mkdtempSync(join(tmpdir(), "kubeclass-api-"));
  const running = await startApiServer(pino({ level: process.env.LOG_LEVEL ?? "warn" }), {
    pool,
    prisma,
    dataDir,
    host: "127.0.0.1",
    listenHost: "127.0.0.1",
    port: 0,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    classroomFixtures: options.classroomFixtures ?? false,
  });
  return {
    url: running.url,
    caPem: running.caPem,
    running,
    pool,
    databaseUrl: database.url,
    async user(email, role, namespace) {
      const record = await prisma.user.upsert({ where: { email }, create: { email, name: email, role }, update: { role } });
      const { token } = await issueApiToken(prisma, record.id, "test");
      const kubeconfig = join(dataDir, `${email}.kubeconfig`);
      writeFileSync(
        kubeconfig,
        buildKubeconfig({ server: running.url, caPem: running.caPem, token, clusterName: "kubeclass", userName: email, ...(namespace ? { namespace } : {}) }),
      );
      return { email, token, kubeconfig };
    },
    async stop() {
      await running.close();
      await prisma.$disconnect();
      await pool.end();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

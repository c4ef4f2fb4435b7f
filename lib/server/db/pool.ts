import pg from "pg";
import { env } from "../env";

const shared = globalThis as typeof globalThis & { __kubeclassPool?: pg.Pool };

/**
 * The node-postgres pool behind the cluster store and the audit log (hot paths that skip Prisma). One per
 * process, kept on globalThis like the Prisma client.
 */
export function pool(): pg.Pool {
  shared.__kubeclassPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    // Store writes serialise per cluster on an advisory lock: more than ~10 concurrent writers only contend.
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  return shared.__kubeclassPool;
}

import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient } from "./generated/prisma/client";

// One client (and so one connection pool) per process. Kept on globalThis because Next's dev server re-evaluates
// modules on every edit; a module-level variable would leak a new pool each time.
const shared = globalThis as typeof globalThis & { __kubeclassPrisma?: PrismaClient };

/** A client of its own, for a database other than DATABASE_URL (tests, scripts). The caller disconnects it. */
export function createPrismaClient(connectionString: string): PrismaClient {
  // Prisma 7 has no built-in driver: queries go through node-postgres via the adapter. node-postgres waits
  // forever for a connection by default; a bounded wait lets requests fail cleanly while Postgres is away.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 5000 }) });
}

export function prisma(): PrismaClient {
  shared.__kubeclassPrisma ??= createPrismaClient(env().DATABASE_URL);
  return shared.__kubeclassPrisma;
}

/** Closes the pool, e.g. on shutdown or at the end of a script; the next prisma() call opens a fresh one. */
export async function disconnectPrisma(): Promise<void> {
  const client = shared.__kubeclassPrisma;
  shared.__kubeclassPrisma = undefined;
  await client?.$disconnect();
}

import { randomUUID } from "node:crypto";
import pg from "pg";
import { defaultMigrationsDir, readMigrations, type MigrationFile } from "./migration-files";
import { planMigrations, MigrationHistoryError, type MigrationRecord } from "./migration-plan";

// A small stand-in for `prisma migrate deploy`, which needs a native engine we cannot download offline.
// It keeps Prisma's bookkeeping byte for byte, so `prisma migrate deploy` (and `migrate status`) accept a
// database migrated here, and the other way round.

// The table exactly as Prisma's schema engine creates it on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so this runner and `prisma migrate` also exclude each other.
const MIGRATE_LOCK_KEY = 72707369;
const LOCK_WAIT = "60s";

export interface ApplyMigrationsOptions {
  connectionString: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface ApplyMigrationsResult {
  applied: string[];
}

export { MigrationHistoryError };

export class MigrationFailedError extends Error {
  override name = "MigrationFailedError";
}

/** Applies pending migrations in name order, each in its own transaction. Safe to run concurrently and repeatedly. */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => {});
  const files = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);

  const client = new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    // Session-level lock: ending the connection releases it, whatever happens below.
    await lock(client);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRecord>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    );
    const plan = planMigrations(files, rows);
    for (const name of plan.unknown) log(`note: ${name} is applied in the database but not in the migrations folder`);

    const applied: string[] = [];
    for (const file of plan.pending) {
      await applyOne(client, file);
      applied.push(file.name);
      log(`applied ${file.name}`);
    }
    return { applied };
  } finally {
    await client.end();
  }
}

async function lock(client: pg.Client): Promise<void> {
  await client.query(`SET lock_timeout = '${LOCK_WAIT}'`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") {
      throw new MigrationFailedError(`another migration run has held the migrate lock for over ${LOCK_WAIT}`);
    }
    throw error;
  }
  await client.query("RESET lock_timeout");
}

// Unlike Prisma, which leaves a failed row behind, a failing migration here rolls back with its row (Postgres DDL
// is transactional), so the database is unchanged and the next run can simply retry the fixed file.
async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) " +
        "VALUES ($1, $2, $3, clock_timestamp(), 0)",
      [id, file.checksum, file.name],
    );
    // No parameters: the simple query protocol runs the whole multi-statement script.
    await client.query(file.sql);
    await client.query(
      "UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationFailedError(`migration ${file.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}

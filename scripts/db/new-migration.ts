// `npm run db:migration:new <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the database from "all existing migrations applied" to prisma/schema.prisma, the way
// `prisma migrate dev --create-only` would, but offline: existing migrations are replayed into a scratch database
// on the DATABASE_URL server, and Prisma's wasm schema engine diffs that database against the schema.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createDatabase, dropDatabase } from "../../lib/server/db/admin";
import { isConnectionError } from "../../lib/server/db/connection-error";
import { applyMigrations } from "../../lib/server/db/migrate";
import { defaultMigrationsDir, LOCK_FILE, LOCK_FILE_CONTENT, MIGRATION_FILE } from "../../lib/server/db/migration-files";
import { diffDatabaseToSchema } from "../../lib/server/db/schema-diff";
import { env } from "../../lib/server/env";
import { unreachableMessage } from "../../lib/server/unreachable";

function migrationName(raw: string | undefined): string {
  const name = (raw ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) throw new UsageError("usage: npm run db:migration:new <name>   (e.g. add_assignments)");
  return name;
}

// Prisma's directory prefix: UTC, YYYYMMDDHHMMSS.
function timestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

function scratchUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/kubeclass_scratch_${randomBytes(6).toString("hex")}`;
  return url.toString();
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const name = migrationName(process.argv[2]);
  const serverUrl = env().DATABASE_URL;
  const scratch = scratchUrl(serverUrl);

  let sql: string;
  try {
    await createDatabase(scratch);
  } catch (error) {
    if (isConnectionError(error)) throw new UsageError(unreachableMessage("Postgres", serverUrl, error));
    throw error;
  }
  const dropScratch = () => dropDatabase(scratch);
  const onSignal = () => void dropScratch().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  try {
    await applyMigrations({ connectionString: scratch });
    sql = await diffDatabaseToSchema({ connectionString: scratch });
  } finally {
    process.off("SIGINT", onSignal);
    await dropScratch();
  }

  if (sql.trim() === "") {
    console.log("schema and migrations agree; nothing to generate");
    return;
  }

  const dir = path.join(defaultMigrationsDir, `${timestamp(new Date())}_${name}`);
  await mkdir(dir, { recursive: true });
  const lockFile = path.join(defaultMigrationsDir, LOCK_FILE);
  if (!existsSync(lockFile)) await writeFile(lockFile, LOCK_FILE_CONTENT);
  const file = path.join(dir, MIGRATION_FILE);
  await writeFile(file, sql);
  console.log(`created ${path.relative(process.cwd(), file)}; review it, then run \`npm run db:migrate\``);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? message : `db:migration:new failed: ${message}`);
  process.exitCode = 1;
});

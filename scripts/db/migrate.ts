// `npm run db:migrate`: creates the DATABASE_URL database if needed, then applies pending migrations from
// prisma/migrations with Prisma-compatible bookkeeping. Bundled as dist/migrate.js for containers, so it must not
// need the wasm schema engine or any flag.
import { createDatabase, databaseExists, databaseName } from "../../lib/server/db/admin";
import { isConnectionError } from "../../lib/server/db/connection-error";
import { applyMigrations } from "../../lib/server/db/migrate";
import { env } from "../../lib/server/env";
import { redactUrl } from "../../lib/server/redact-url";
import { unreachableMessage } from "../../lib/server/unreachable";

async function migrate(url: string): Promise<void> {
  const name = databaseName(url);
  if (!(await databaseExists(url))) {
    await createDatabase(url);
    console.log(`created database ${name}`);
  }
  const { applied } = await applyMigrations({ connectionString: url, log: (line) => console.log(line) });
  if (applied.length === 0) console.log(`database ${name} is up to date`);
}

// One line an operator can act on; never the password.
function failureLine(url: string, error: unknown): string {
  if (isConnectionError(error)) return unreachableMessage("Postgres", url, error);
  const message = error instanceof Error ? error.message : String(error);
  return `db:migrate failed on ${redactUrl(url)}: ${message.split("\n")[0] ?? ""}`;
}

async function main(): Promise<void> {
  const url = env().DATABASE_URL;
  try {
    await migrate(url);
  } catch (error) {
    console.error(failureLine(url, error));
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error)); // e.g. an invalid DATABASE_URL
  process.exitCode = 1;
});

import { randomBytes } from "node:crypto";
import { createDatabase, dropDatabase } from "../../lib/server/db/admin";
import { applyMigrations } from "../../lib/server/db/migrate";
import { env } from "../../lib/server/env";

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database `kubeclass_test_<random>` on the server DATABASE_URL names (or the default),
 * so test files can run in parallel without sharing rows. Call drop() in afterAll.
 */
export async function createThrowawayDatabase(options: { migrate?: boolean } = {}): Promise<ThrowawayDatabase> {
  const url = new URL(env().DATABASE_URL);
  url.pathname = `/kubeclass_test_${randomBytes(6).toString("hex")}`;
  const connectionString = url.toString();

  await createDatabase(connectionString);
  const drop = () => dropDatabase(connectionString);
  try {
    if (options.migrate !== false) await applyMigrations({ connectionString });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: connectionString, drop };
}

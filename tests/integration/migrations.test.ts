import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withClient } from "../../lib/server/db/admin";
import { applyMigrations } from "../../lib/server/db/migrate";
import { checksumOf, defaultMigrationsDir, LOCK_FILE, readMigrations } from "../../lib/server/db/migration-files";
import { diffDatabaseToSchema } from "../../lib/server/db/schema-diff";
import { openSchemaEngine } from "../../lib/server/db/schema-engine";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/database";

const noFilters = { externalTables: [], externalEnums: [] };

// The migrations folder in the shape Prisma's schema engine reads it.
async function migrationsList(dir: string) {
  const files = await readMigrations(dir);
  return {
    baseDir: dir,
    lockfile: { path: LOCK_FILE, content: await readFile(path.join(dir, LOCK_FILE), "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: files.map((file) => ({
      path: file.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: file.sql } },
    })),
  };
}

const query = <R extends pg.QueryResultRow>(url: string, sql: string) =>
  withClient(url, async (client) => (await client.query<R>(sql)).rows);

describe("migrations", () => {
  let db: ThrowawayDatabase;
  let scratch: ThrowawayDatabase[] = [];
  let tmp: string;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    tmp = await mkdtemp(path.join(tmpdir(), "kubeclass-migrations-"));
  });

  afterAll(async () => {
    await Promise.all([db?.drop(), ...scratch.map((s) => s.drop())]);
    await rm(tmp, { recursive: true, force: true });
  });

  async function emptyDatabase(): Promise<ThrowawayDatabase> {
    const created = await createThrowawayDatabase({ migrate: false });
    scratch = [...scratch, created];
    return created;
  }

  it("leaves a fresh database with no difference from prisma/schema.prisma", async () => {
    expect(await diffDatabaseToSchema({ connectionString: db.url })).toBe("");
  });

  it("notices when the database and the schema differ", async () => {
    const other = await emptyDatabase();
    expect(await diffDatabaseToSchema({ connectionString: other.url })).toMatch(/CREATE TABLE "users"/);
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations({ connectionString: db.url })).toEqual({ applied: [] });
  });

  it("records each migration as Prisma does", async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await query<{
      id: string;
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(db.url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");

    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(path.join(defaultMigrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(checksumOf(sql));
      expect(row.checksum).toBe(files[i]?.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("is accepted by Prisma's own engine as fully applied and unedited", async () => {
    const session = await openSchemaEngine(db.url);
    try {
      const diagnosis = await session.engine.diagnoseMigrationHistory({
        migrationsList: await migrationsList(defaultMigrationsDir),
        optInToShadowDatabase: false,
        filters: noFilters,
      });
      expect(diagnosis).toEqual({
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: true,
        history: null,
      });
    } finally {
      await session.close();
    }
  });

  it("keeps _prisma_migrations shaped exactly like the table Prisma creates", async () => {
    const byPrisma = await emptyDatabase();
    const session = await openSchemaEngine(byPrisma.url);
    try {
      const list = await migrationsList(defaultMigrationsDir);
      await session.engine.applyMigrations({ migrationsList: list, filters: noFilters });
    } finally {
      await session.close();
    }
    const shape = `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`;
    expect(await query(db.url, shape)).toEqual(await query(byPrisma.url, shape));
    const checksums = "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name";
    expect(await query(db.url, checksums)).toEqual(await query(byPrisma.url, checksums));
  });

  it("applies each migration exactly once when two runners start together", async () => {
    const target = await emptyDatabase();
    const results = await Promise.all([
      applyMigrations({ connectionString: target.url }),
      applyMigrations({ connectionString: target.url }),
    ]);
    const files = await readMigrations();
    expect(results.flatMap((r) => r.applied).sort()).toEqual(files.map((f) => f.name));
    const [{ count } = { count: -1 }] = await query<{ count: number }>(
      target.url,
      "SELECT count(*)::int AS count FROM _prisma_migrations",
    );
    expect(count).toBe(files.length);
  });

  it("refuses a migration file changed after it was applied", async () => {
    const dir = path.join(tmp, "edited");
    await cp(defaultMigrationsDir, dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await appendFile(path.join(dir, first?.name ?? "missing", "migration.sql"), "\n-- an afterthought\n");
    await expect(applyMigrations({ connectionString: db.url, migrationsDir: dir })).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it("rolls a failing migration back completely, and then refuses nothing", async () => {
    const dir = path.join(tmp, "broken");
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await mkdir(path.join(dir, "99990101000000_broken"));
    await writeFile(path.join(dir, "99990101000000_broken", "migration.sql"), 'CREATE TABLE "half" (id int);\nSELECT 1/0;\n');

    await expect(applyMigrations({ connectionString: db.url, migrationsDir: dir })).rejects.toThrow(
      /99990101000000_broken failed and was rolled back: division by zero/,
    );
    expect(await query(db.url, "SELECT 1 FROM pg_tables WHERE tablename = 'half'")).toEqual([]);
    expect(await query(db.url, "SELECT 1 FROM _prisma_migrations WHERE migration_name LIKE '%broken'")).toEqual([]);
    expect(await applyMigrations({ connectionString: db.url })).toEqual({ applied: [] });
  });

  it("refuses to go on while a migration is recorded as failed", async () => {
    const target = await emptyDatabase();
    await applyMigrations({ connectionString: target.url });
    await query(target.url, "UPDATE _prisma_migrations SET finished_at = NULL, logs = 'boom'");
    await expect(applyMigrations({ connectionString: target.url })).rejects.toThrow(/recorded as failed/);
  });
});

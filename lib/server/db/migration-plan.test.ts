import { describe, expect, it } from "vitest";
import { checksumOf, type MigrationFile } from "./migration-files";
import { planMigrations, type MigrationRecord } from "./migration-plan";

const file = (name: string, sql = `-- ${name}\n`): MigrationFile => ({ name, sql, checksum: checksumOf(sql) });
const applied = (f: MigrationFile, at = new Date()): MigrationRecord => ({
  migration_name: f.name,
  checksum: f.checksum,
  finished_at: at,
  rolled_back_at: null,
});

describe("planMigrations", () => {
  const a = file("20260101000000_a");
  const b = file("20260102000000_b");

  it("applies everything on a fresh database, in order", () => {
    expect(planMigrations([a, b], []).pending.map((f) => f.name)).toEqual([a.name, b.name]);
  });

  it("skips what is applied", () => {
    expect(planMigrations([a, b], [applied(a)]).pending).toEqual([b]);
    expect(planMigrations([a, b], [applied(a), applied(b)]).pending).toEqual([]);
  });

  it("refuses an edited migration", () => {
    const edited = { ...file(a.name, "-- changed\n") };
    expect(() => planMigrations([edited, b], [applied(a)])).toThrow(/20260101000000_a was changed after it was applied/);
  });

  it("accepts the same file checked out with CRLF line endings", () => {
    const crlf = { ...a, sql: a.sql.replaceAll("\n", "\r\n"), checksum: checksumOf(a.sql.replaceAll("\n", "\r\n")) };
    expect(planMigrations([crlf], [applied(a)]).pending).toEqual([]);
  });

  it("refuses while a migration is recorded as failed", () => {
    const failed: MigrationRecord = { ...applied(a), finished_at: null };
    expect(() => planMigrations([a, b], [failed])).toThrow(/20260101000000_a is recorded as failed/);
  });

  it("treats a rolled-back failure as history and applies the migration again", () => {
    const rolledBack: MigrationRecord = { ...applied(a), finished_at: null, rolled_back_at: new Date() };
    expect(planMigrations([a], [rolledBack]).pending).toEqual([a]);
    expect(planMigrations([a], [rolledBack, applied(a)]).pending).toEqual([]);
  });

  it("reports migrations the database knows but the folder does not", () => {
    expect(planMigrations([a], [applied(a), applied(b)])).toEqual({ pending: [], unknown: [b.name] });
  });
});

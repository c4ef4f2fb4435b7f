import { checksumOf, type MigrationFile } from "./migration-files";

/** One row of Prisma's `_prisma_migrations` table, as far as planning cares. */
export interface MigrationRecord {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
}

export interface MigrationPlan {
  pending: MigrationFile[];
  /** Applied here but absent from the folder: a newer build migrated this database. Not an error. */
  unknown: string[];
}

/**
 * Decides what to apply, reading the table the way `prisma migrate deploy` does: a row with finished_at set
 * (and not rolled back) is applied; a row with neither finished_at nor rolled_back_at is a failed run that a
 * person must resolve; rolled-back rows are history only.
 */
export function planMigrations(files: MigrationFile[], records: MigrationRecord[]): MigrationPlan {
  const live = records.filter((record) => record.rolled_back_at === null);

  const failed = live.filter((record) => record.finished_at === null).map((record) => record.migration_name);
  if (failed.length > 0) {
    throw new MigrationHistoryError(
      `migration ${failed.join(", ")} is recorded as failed in _prisma_migrations; fix the database by hand, ` +
        `then mark it with \`prisma migrate resolve --rolled-back <name>\` (or --applied) before migrating again`,
    );
  }

  const applied = new Map(live.map((record) => [record.migration_name, record.checksum]));
  const edited = files
    .filter((file) => {
      const recorded = applied.get(file.name);
      return recorded !== undefined && !checksumMatches(file, recorded);
    })
    .map((file) => file.name);
  if (edited.length > 0) {
    throw new MigrationHistoryError(
      `migration ${edited.join(", ")} was changed after it was applied (checksum differs from _prisma_migrations); ` +
        `restore the original file and put the change in a new migration`,
    );
  }

  const known = new Set(files.map((file) => file.name));
  return {
    pending: files.filter((file) => !applied.has(file.name)),
    unknown: [...applied.keys()].filter((name) => !known.has(name)).sort(),
  };
}

// A checkout with Windows line endings must not look edited, so LF-normalised content also matches.
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  return file.checksum === recorded || checksumOf(file.sql.replaceAll("\r\n", "\n")) === recorded;
}

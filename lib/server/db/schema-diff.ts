import { readFile } from "node:fs/promises";
import path from "node:path";
import { openSchemaEngine } from "./schema-engine";

export const defaultSchemaPath = path.resolve(process.cwd(), "prisma", "schema.prisma");

export interface SchemaDiffOptions {
  /** The database to diff from; it is only read. */
  connectionString: string;
  schemaPath?: string;
}

/**
 * The SQL that would turn the database into what the Prisma schema describes, or "" when they agree.
 * Prisma's own `_prisma_migrations` table is not part of the comparison.
 */
export async function diffDatabaseToSchema(options: SchemaDiffOptions): Promise<string> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const files = [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
  const session = await openSchemaEngine(options.connectionString);
  try {
    const result = await session.engine.diff({
      // "schemaDatasource" is the live database the engine is connected to (through the adapter). The "url" target
      // is refused by the wasm engine.
      from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true, // 0 = no difference, 2 = difference
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  } finally {
    await session.close();
  }
}

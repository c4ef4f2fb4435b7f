import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// Prisma's schema engine compiled to WebAssembly, talking to Postgres through @prisma/adapter-pg. The Prisma CLI
// would download a native engine instead, which is impossible offline.

let loaded: Promise<void> | undefined;

// The package's entry point imports its .wasm as an ES module, which Node only allows behind
// --experimental-wasm-modules. Instantiating it here with the package's own glue needs no flag, so scripts and
// vitest workers can use it as they are.
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const imports = { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

// adapter-pg 7.10 cannot map Postgres' one-byte internal "char" type (oid 18), which the engine's catalog queries
// return (relkind, contype, ...), so describing a database fails with "Column type 'char' could not be
// deserialized". Its text form is the character itself, so reporting it as text (oid 25) is exact.
const INTERNAL_CHAR_OID = 18;
const TEXT_OID = 25;

function withInternalCharAsText(pool: pg.Pool): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result; // callback style: the adapter never uses it
    return result.then((res: pg.QueryResult) => {
      for (const field of res.fields ?? []) if (field.dataTypeID === INTERNAL_CHAR_OID) field.dataTypeID = TEXT_OID;
      return res;
    });
  };
  pool.query = patched as typeof pool.query;
  return pool;
}

export interface SchemaEngineSession {
  engine: glue.SchemaEngine;
  close(): Promise<void>;
}

/** A schema engine whose "database" is the one at `connectionString`. Close it to free the wasm memory and pool. */
export async function openSchemaEngine(connectionString: string): Promise<SchemaEngineSession> {
  await loadWasm();
  const pool = withInternalCharAsText(new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 5000 }));
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  try {
    const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
    return {
      engine,
      async close() {
        engine.free();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

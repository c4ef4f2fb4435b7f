import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WRITE_BATCH } from "../../lib/server/store/write-statements";

export type PgbenchResult = { tps: number; latencyMs: number; failed: number };

// One row per transaction, about the size of a small ConfigMap row: the simplest durable write Postgres does.
export const PGBENCH_SCHEMA = `CREATE TABLE bench_insert (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;
const SCRIPT = `\\set n random(1, 1000000000)
INSERT INTO bench_insert (name, body) VALUES ('cm-' || :n, '{"data": {"greeting": "hello from pgbench", "color": "blue"}}');
`;

/**
 * The object store's own write statement (WRITE_BATCH in write-statements.ts) carrying one create, with
 * constants for its parameters: what Postgres alone can do for a ConfigMap create (cluster advisory lock,
 * revision, two inserts, NOTIFY), with no Node, HTTP or TLS in the way and no batching. Needs the migrated
 * kubeclass schema.
 */
export function storeCreateScript(): string {
  const body = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"bench","labels":{"app":"bench"}},"data":{"greeting":"hello from pgbench","color":"blue"}}`;
  const write = `'[{"op":"create","group":"","resource":"configmaps","namespace":"bench","name":"cm-' || :client_id || '-' || :n || '","uid":"' || md5(:n::text) || '","body":${body}}]'`;
  const values: Record<string, string> = { "1": "'default'", "2": "'off'", "3": "now()", "4": `(${write})` };
  const text = WRITE_BATCH.text.replace(/\$(\d+)/g, (_, n: string) => values[n] ?? `$${n}`);
  if (text.includes("$")) throw new Error("the store's write statement has a parameter this script does not fill");
  return `\\set n random(1, 1000000000000)\n${text.trim()};\n`;
}

export type PgbenchOptions = {
  synchronousCommit: "server-default" | "off";
  /** The script to run; the single-row INSERT by default. */
  script?: string;
  /** Prepared statements, as node-postgres uses for the store's named statements. */
  prepared?: boolean;
};

/**
 * `pgbench -n -c <clients> -j 2 -T <seconds> -f insert.sql` against `databaseUrl` (which must hold
 * PGBENCH_SCHEMA, or the kubeclass schema for storeCreateScript()). `synchronousCommit: "off"` runs it with
 * PGOPTIONS=-c synchronous_commit=off.
 */
export async function runPgbench(databaseUrl: string, clients: number, seconds: number, options: PgbenchOptions): Promise<PgbenchResult> {
  const { synchronousCommit } = options;
  const dir = mkdtempSync(join(tmpdir(), "kubeclass-pgbench-"));
  const script = join(dir, "insert.sql");
  writeFileSync(script, options.script ?? SCRIPT);
  try {
    const protocol = options.prepared ? ["-M", "prepared"] : [];
    const args = ["-n", "-c", String(clients), "-j", "2", "-T", String(seconds), ...protocol, "-f", script, databaseUrl];
    const env = { ...process.env, ...(synchronousCommit === "off" ? { PGOPTIONS: "-c synchronous_commit=off" } : {}) };
    const output = await run("pgbench", args, env, (seconds + 30) * 1000);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
    const latency = /latency average = ([\d.]+) ms/.exec(output)?.[1];
    const failed = /number of failed transactions: (\d+)/.exec(output)?.[1];
    if (!tps) throw new Error(`could not read pgbench's TPS from:\n${output}`);
    return { tps: Number(tps), latencyMs: Number(latency ?? NaN), failed: Number(failed ?? 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} exited with ${code ?? signal}:\n${output}`));
    });
  });
}

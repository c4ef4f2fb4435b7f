import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, release, totalmem } from "node:os";
import { withClient } from "../../lib/server/db/admin";

export type MachineFacts = Record<string, string>;

/** What the numbers depend on: cores, CPU, memory, versions, and the Postgres settings that decide write cost. */
export async function machineFacts(databaseUrl: string): Promise<MachineFacts> {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const facts: MachineFacts = {
    nproc: command("nproc") ?? String(availableParallelism()),
    "cpu model": model,
    "cgroup cpu.max": existsSync("/sys/fs/cgroup/cpu.max") ? readFileSync("/sys/fs/cgroup/cpu.max", "utf8").trim() : "n/a",
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: release(),
    node: process.version,
    pgbench: command("pgbench", ["--version"]) ?? "missing",
  };
  await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    facts.postgres = rows[0]?.version ?? "unknown";
    for (const setting of ["synchronous_commit", "fsync", "wal_sync_method", "shared_buffers", "max_connections"]) {
      const { rows: shown } = await client.query<Record<string, string>>(`SHOW ${setting}`);
      facts[`postgres ${setting}`] = Object.values(shown[0] ?? {})[0] ?? "unknown";
    }
  });
  return facts;
}

function command(file: string, args: string[] = []): string | undefined {
  try {
    return execFileSync(file, args, { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

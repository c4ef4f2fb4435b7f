import type pg from "pg";
import type { AuditRecord } from "@/lib/cluster/api/serve-request";

/**
 * Writes audit records in batches: a request never waits for its audit row, and a burst of requests becomes a
 * few multi-row inserts. Records still buffered when the process dies are lost (at most one flush interval).
 */
export function createAuditSink(pool: pg.Pool, cluster: string, onError: (error: unknown) => void) {
  let buffer: (AuditRecord & { at: Date })[] = [];
  let flushing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const columns = ["at", "username", "verb", "group", "resource", "subresource", "namespace", "name", "path", "code", "latency_ms", "message"] as const;
    const values = columns.map((column) =>
      batch.map((r) => {
        switch (column) {
          case "at":
            return r.at.toISOString();
          case "latency_ms":
            return r.latencyMs;
          case "username":
            return r.user;
          case "message":
            return r.message?.replaceAll("\u0000", "\uFFFD") ?? null;
          default: {
            const value = r[column];
            // Postgres text cannot hold NUL; one bad row must not lose the whole batch.
            return typeof value === "string" ? value.replaceAll("\u0000", "\uFFFD") : value;
          }
        }
      }),
    );
    await pool
      .query(
        `INSERT INTO audit_events (cluster, at, username, verb, "group", resource, subresource, namespace, name, path, code, latency_ms, message)
         SELECT $1, * FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[], $13::text[])`,
        [cluster, ...values],
      )
      .catch(onError);
  };

  const timer = setInterval(() => {
    flushing ??= flush().finally(() => (flushing = undefined));
  }, 250);
  timer.unref();

  return {
    /** `at` defaults to now; the API server passes its own so the live timeline and the stored row agree. */
    record(record: AuditRecord, at: Date = new Date()): void {
      buffer.push({ ...record, at });
      if (buffer.length >= 1000) flushing ??= flush().finally(() => (flushing = undefined));
    },
    async close(): Promise<void> {
      clearInterval(timer);
      await flushing;
      await flush();
    },
  };
}

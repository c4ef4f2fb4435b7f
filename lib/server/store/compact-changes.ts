import type pg from "pg";
import type { HistoryWindow } from "../../cluster/store/history-window";

// Compaction in one statement. Per cluster it removes a prefix of the change log: revisions below
//   cut = least(first revision stamped at or after the cutoff time, the cluster's minRevisions-th newest),
// so what goes is both older than the window and beyond the cluster's floor. Clusters with fewer changes than
// the floor lose nothing. The highest revision removed is recorded per cluster in cluster_compactions, which
// is what watches and paged lists are checked against (ExpiredError).
//
// A write still committing has a revision above every committed one of its cluster (it drew it under the
// cluster lock), so it is never below that cluster's floor and never removed by a cut computed now.
const COMPACT = `
WITH RECURSIVE clusters(cluster) AS (
  -- The distinct clusters, one index probe each (a "loose index scan") rather than a scan of the whole log.
  (SELECT cluster FROM cluster_changes ORDER BY cluster LIMIT 1)
  UNION ALL
  SELECT (SELECT x.cluster FROM cluster_changes x WHERE x.cluster > k.cluster ORDER BY x.cluster LIMIT 1)
  FROM clusters k WHERE k.cluster IS NOT NULL
),
time_cut AS (
  SELECT coalesce(
    (SELECT revision FROM cluster_changes WHERE created_at >= $1 ORDER BY revision LIMIT 1),
    (SELECT max(revision) + 1 FROM cluster_changes)
  ) AS revision
),
cuts AS (
  SELECT k.cluster, least(t.revision, f.revision) AS cut
  FROM clusters k
  CROSS JOIN time_cut t
  CROSS JOIN LATERAL (
    SELECT revision FROM cluster_changes x WHERE x.cluster = k.cluster ORDER BY revision DESC OFFSET $2 LIMIT 1
  ) f
  WHERE k.cluster IS NOT NULL
),
gone AS (
  DELETE FROM cluster_changes d USING cuts
  WHERE d.cluster = cuts.cluster AND d.revision < cuts.cut
  RETURNING d.cluster, d.revision
),
marks AS (
  INSERT INTO cluster_compactions (cluster, revision, compacted_at)
  SELECT cluster, max(revision), $3 FROM gone GROUP BY cluster
  ON CONFLICT (cluster) DO UPDATE
  SET revision = greatest(cluster_compactions.revision, excluded.revision), compacted_at = excluded.compacted_at
)
SELECT count(*)::int AS deleted FROM gone`;

/** Trims the change log to the history window; returns how many changes it removed. */
export async function compactChanges(
  pool: pg.Pool,
  window: HistoryWindow,
  now: Date,
): Promise<{ deleted: number }> {
  const cutoff = new Date(now.getTime() - window.maxAgeMs);
  const { rows } = await pool.query<{ deleted: number }>(COMPACT, [cutoff, window.minRevisions - 1, now]);
  return { deleted: rows[0]?.deleted ?? 0 };
}

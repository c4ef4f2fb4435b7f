/**
 * How much change history a store keeps for resuming watches and paged lists. Compaction drops a cluster's
 * changes that are older than `maxAgeMs` and not among its newest `minRevisions`.
 *
 * Defaults: ten minutes is what a kube-apiserver with its default 5-minute etcd compaction offers at best, and
 * comfortably covers a client reconnecting (a laptop waking, a browser tab resuming). The per-cluster floor of
 * 1000 keeps a burst (a class applying manifests at once) resumable even after the ten minutes, and lets an
 * idle cluster's latest revision stay valid forever, so list-then-watch never fails merely for lack of writes.
 */
export type HistoryWindow = {
  maxAgeMs: number;
  /** At least 1: the newest change of each cluster anchors its revision and expiry checks. */
  minRevisions: number;
};

export const defaultHistoryWindow: HistoryWindow = { maxAgeMs: 10 * 60_000, minRevisions: 1000 };

export function checkHistoryWindow(window: HistoryWindow): HistoryWindow {
  if (!(window.maxAgeMs >= 0) || !Number.isInteger(window.minRevisions) || window.minRevisions < 1) {
    throw new RangeError(`invalid history window ${JSON.stringify(window)}: maxAgeMs >= 0 and minRevisions >= 1`);
  }
  return window;
}

/**
 * Whether a watch (or paged list) from `from` can no longer be served: compaction has removed a change of the
 * cluster with a higher revision. `compacted` is the highest revision removed from that cluster's history.
 */
export function isExpired(from: number, compacted: number | undefined): boolean {
  return compacted !== undefined && from < compacted;
}

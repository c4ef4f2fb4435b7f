import pg from "pg";
import type { ObjectKey } from "../../cluster/store/object-store";

export type StoreWrite = {
  op: "create" | "update" | "delete";
  key: ObjectKey;
  uid: string;
  /** The object as JSON text; null for deletes. */
  body: string | null;
  /** The resourceVersion the object must still have; null: unconditional. */
  expected: string | null;
};

/** What happened to one write: its revision (null if it did not happen), and what the statement read. */
export type StoreWriteResult = { revision: string | null; body: unknown; current: string | null };

export type WriteBatcherOptions = {
  /** Sends one cluster's batch (distinct keys) and returns one result per write, in order. */
  send: (cluster: string, writes: StoreWrite[]) => Promise<StoreWriteResult[]>;
  /** Writes per batch at most. */
  maxBatch: number;
  /** Total JSON per batch at most (a single larger write still goes, alone). */
  maxBatchBytes: number;
  /** Batches of one cluster in flight at once; further writes queue (and join the next batch). */
  maxInFlight: number;
};

type Queued = StoreWrite & { id: string; size: number; resolve: (result: StoreWriteResult) => void; reject: (error: unknown) => void };
type ClusterQueue = { waiting: Queued[]; inFlight: number; busyKeys: Set<string> };

const idOf = (key: ObjectKey) => `${key.group}\u0000${key.resource}\u0000${key.namespace}\u0000${key.name}`;

/**
 * Group commit for the Postgres store. One cluster's writes serialise on its advisory lock anyway, so rather
 * than let every concurrent writer queue there (each with its own transaction, lock hand-off and NOTIFY), they
 * queue here and go as few batches: while a batch is in flight, the writes that arrive wait and then leave
 * together. A lone writer still goes at once. A key already in flight waits for its batch to finish, so two
 * writes to one object are never in flight together and run in the order they came.
 *
 * Writes fail alone: the statement reports each write's outcome; if the whole statement fails (say, one body
 * Postgres refuses), each write of the batch is retried on its own, so only the culprit fails.
 */
export class WriteBatcher {
  private readonly clusters = new Map<string, ClusterQueue>();

  constructor(private readonly options: WriteBatcherOptions) {}

  write(cluster: string, write: StoreWrite): Promise<StoreWriteResult> {
    return new Promise((resolve, reject) => {
      let queue = this.clusters.get(cluster);
      if (!queue) this.clusters.set(cluster, (queue = { waiting: [], inFlight: 0, busyKeys: new Set() }));
      queue.waiting.push({ ...write, id: idOf(write.key), size: write.body?.length ?? 0, resolve, reject });
      this.pump(cluster, queue);
    });
  }

  private pump(cluster: string, queue: ClusterQueue): void {
    while (queue.inFlight < this.options.maxInFlight) {
      const batch = this.take(queue);
      if (batch.length === 0) break;
      queue.inFlight++;
      for (const w of batch) queue.busyKeys.add(w.id);
      void this.run(cluster, batch).finally(() => {
        queue.inFlight--;
        for (const w of batch) queue.busyKeys.delete(w.id);
        if (queue.inFlight === 0 && queue.waiting.length === 0) this.clusters.delete(cluster);
        else this.pump(cluster, queue);
      });
    }
  }

  /** The next batch, in arrival order: distinct keys, none already in flight, within the size limits. */
  private take(queue: ClusterQueue): Queued[] {
    const batch: Queued[] = [];
    const keys = new Set<string>();
    let bytes = 0;
    const left: Queued[] = [];
    for (const w of queue.waiting) {
      const fits = batch.length < this.options.maxBatch && (batch.length === 0 || bytes + w.size <= this.options.maxBatchBytes);
      if (fits && !keys.has(w.id) && !queue.busyKeys.has(w.id)) {
        batch.push(w);
        bytes += w.size;
      } else {
        left.push(w);
      }
      keys.add(w.id);
    }
    queue.waiting = left;
    return batch;
  }

  private async run(cluster: string, batch: Queued[]): Promise<void> {
    let results: StoreWriteResult[];
    try {
      results = await this.options.send(cluster, batch);
    } catch (error) {
      // Only an error Postgres raised for the statement means nothing was written and one write may be to blame;
      // a lost connection leaves the outcome unknown, so that is every write's answer.
      if (batch.length === 1 || !(error instanceof pg.DatabaseError)) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) {
        try {
          const [result] = await this.options.send(cluster, [w]);
          w.resolve(result!);
        } catch (single) {
          w.reject(single);
        }
      }
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}

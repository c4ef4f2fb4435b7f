import pg from "pg";

export type ReadBatcherOptions<K, R> = {
  /** Sends one batch of reads and returns one result per read, in order. */
  send: (keys: K[]) => Promise<R[]>;
  /** Reads per batch at most. */
  maxBatch: number;
  /** Batches in flight at once; further reads queue (and join the next batch). */
  maxInFlight: number;
};

type Queued<K, R> = { key: K; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * Group reads for the Postgres store: while `maxInFlight` batches are out, the reads that arrive wait and then
 * leave together as one statement, which costs Postgres and this process about what one read costs (a round
 * trip, a socket write, a parse) rather than one each. A lone read goes at once, so an idle server answers as
 * fast as before; under load a read waits at most for the batches ahead of it. Every read is sent after it was
 * asked for, so it sees every write completed before it (read-your-writes holds).
 *
 * If a batch's statement fails with an error Postgres raised for it (say, one key it refuses), each read of that
 * batch is retried on its own, so only the culprit fails.
 */
export class ReadBatcher<K, R> {
  private waiting: Queued<K, R>[] = [];
  private inFlight = 0;

  constructor(private readonly options: ReadBatcherOptions<K, R>) {}

  read(key: K): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Queued<K, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.options.send(batch.map((q) => q.key));
    } catch (error) {
      if (batch.length === 1 || !(error instanceof pg.DatabaseError)) {
        for (const q of batch) q.reject(error);
        return;
      }
      await Promise.all(
        batch.map(async (q) => {
          try {
            const [result] = await this.options.send([q.key]);
            q.resolve(result as R);
          } catch (single) {
            q.reject(single);
          }
        }),
      );
      return;
    }
    batch.forEach((q, i) => q.resolve(results[i] as R));
  }
}

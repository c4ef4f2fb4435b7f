import type pg from "pg";
import type { Clock } from "../../cluster/clock";
import { AlreadyExistsError, ConflictError, describeKey, ExpiredError, NotFoundError } from "../../cluster/store/errors";
import {
  checkHistoryWindow,
  defaultHistoryWindow,
  isExpired,
  type HistoryWindow,
} from "../../cluster/store/history-window";
import type {
  GroupResource,
  KubeObject,
  ListQuery,
  ListResult,
  ObjectKey,
  ObjectStore,
  WatchEvent,
  WatchEventType,
  WatchQuery,
} from "../../cluster/store/object-store";
import {
  checkListLimit,
  compareCodePoints,
  compareKeys,
  deepFreeze,
  parseRevision,
} from "../../cluster/store/revisions";
import { WatchStream, type WatchSource } from "../../cluster/store/watch-stream";
import { ChangeFeed, type ChangeFeedStats } from "./change-feed";
import { compactChanges } from "./compact-changes";
import {
  CLUSTER_REVISION,
  COLLATION_PROBE,
  GET_OBJECT,
  GET_OBJECTS,
  LIST_NAMESPACES,
  listStatement,
  replayStatement,
  STORE_REVISION,
} from "./read-statements";
import { ReadBatcher } from "./read-batcher";
import { WRITE_BATCH } from "./write-statements";
import { WriteBatcher, type StoreWrite, type StoreWriteResult } from "./write-batcher";

export type PostgresObjectStoreOptions = {
  /** The caller's pool (the store never reads DATABASE_URL). It holds one connection for LISTEN once watched. */
  pool: pg.Pool;
  /** Stamps rows and places the compaction cutoff; the wall clock by default. */
  clock?: Clock;
  historyWindow?: HistoryWindow;
  /**
   * Off by default: a write returns before its WAL reaches disk. A Postgres crash may then lose the last
   * fraction of a second of cluster writes (up to 3 × wal_writer_delay, 600 ms by default), never consistency:
   * what survives is a prefix of the history, objects and change log together. A client that saw a lost
   * revision may see that number reused after the restart. For a classroom simulator the trade is worth it:
   * the cluster lock is held until commit, so with synchronous commit every write also waits out the previous
   * one's disk flush (bench/store-create.ts measures both).
   */
  synchronousCommit?: boolean;
  /** The change feed's fallback poll. */
  pollIntervalMs?: number;
  /** Unread live events a watcher may hold before it is ended with SlowWatcherError. */
  watchBufferSize?: number;
  /** Called with the change feed's background errors (lost LISTEN connection, failed poll); log them. */
  onError?: (error: unknown) => void;
  /**
   * Group commit (write-batcher.ts): at most this many writes per statement (1 turns batching off), and at most
   * `maxInFlight` statements per cluster at once. Defaults: 256 and 1 (a class joining at once writes ~1,400
   * objects; 64 a statement made that 22 serial round trips, 256 makes it 6: bench/RESULTS.md, provisioning).
   */
  writeBatch?: { maxBatch?: number; maxInFlight?: number };
  /** Grouped gets (read-batcher.ts): at most this many keys per statement (1 turns it off), `maxInFlight` at once. Defaults: 64 and 2. */
  readBatch?: { maxBatch?: number; maxInFlight?: number };
};

const REPLAY_PAGE = 1000;
const FEED_BATCH = 1000;
const wallClock: Clock = { now: () => new Date() };

// A sample in code-point order that any linguistic collation reorders (case, punctuation, accents).
const COLLATION_SAMPLE = ["", "-", ".", "0", ":", "A", "B", "Z", "_", "a", "a-b", "a.b", "aB", "a_b", "ab", "b", "z", "~", "é", "ſ", "中"];

type ListRow = { revision: string; compacted: string | null; namespace: string | null; name: string | null; body: KubeObject };
type ReplayRow = { compacted: string | null; revision: string | null; type: WatchEventType; object: KubeObject };

/** One listNamespace call waiting in a batch. */
type NamespaceRead = { cluster: string; namespace: string; resources: readonly GroupResource[] };

/**
 * The production ObjectStore: objects in cluster_objects, every write in the cluster_changes log (whose sequence
 * is the global revision), watches served from that log plus one shared LISTEN-driven feed per store. See
 * write-statements.ts for how writes stay in revision order, change-feed.ts for watches, compact-changes.ts
 * for the history window. Call compact() periodically (every minute or so) and close() on shutdown.
 */
export class PostgresObjectStore implements ObjectStore {
  private readonly pool: pg.Pool;
  private readonly clock: Clock;
  private readonly window: HistoryWindow;
  private readonly synchronousCommit: "on" | "off";
  private readonly bufferSize: number;
  private readonly feed: ChangeFeed;
  private readonly writes: WriteBatcher;
  private readonly reads: ReadBatcher<ObjectKey, KubeObject | undefined>;
  private readonly namespaceReads: ReadBatcher<NamespaceRead, KubeObject[][]>;
  private bytewise: Promise<boolean> | undefined;

  constructor(options: PostgresObjectStoreOptions) {
    this.pool = options.pool;
    this.clock = options.clock ?? wallClock;
    this.window = checkHistoryWindow(options.historyWindow ?? defaultHistoryWindow);
    this.synchronousCommit = options.synchronousCommit ? "on" : "off";
    this.bufferSize = options.watchBufferSize ?? 10_000;
    this.feed = new ChangeFeed({
      pool: this.pool,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      batchSize: FEED_BATCH,
      onError: options.onError ?? (() => {}),
    });
    this.writes = new WriteBatcher({
      send: (cluster, writes) => this.sendBatch(cluster, writes),
      maxBatch: options.writeBatch?.maxBatch ?? 256,
      maxBatchBytes: 4 * 1024 * 1024,
      maxInFlight: options.writeBatch?.maxInFlight ?? 1,
    });
    this.reads = new ReadBatcher({
      send: (keys) => this.sendGets(keys),
      maxBatch: options.readBatch?.maxBatch ?? 64,
      maxInFlight: options.readBatch?.maxInFlight ?? 2,
    });
    // Quota admission reads a namespace's objects on every quota create; a class joining at once creates a
    // quota per learner, and these reads then leave together like gets.
    this.namespaceReads = new ReadBatcher({
      send: (reads) => this.sendNamespaceLists(reads),
      maxBatch: options.readBatch?.maxBatch ?? 64,
      maxInFlight: options.readBatch?.maxInFlight ?? 2,
    });
  }

  async create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    const body = JSON.stringify(object);
    let result: StoreWriteResult;
    try {
      result = await this.writes.write(key.cluster, { op: "create", key, uid: uidOf(object), body, expected: null });
    } catch (error) {
      // ON CONFLICT covers the key; this is for a unique violation it does not arbitrate.
      if ((error as { code?: string }).code === "23505") throw alreadyExists(key);
      throw error;
    }
    if (!result.revision) throw alreadyExists(key);
    return stored(body, result.revision);
  }

  get(key: ObjectKey): Promise<KubeObject | undefined> {
    return this.reads.read(key);
  }

  /** One batch of gets: a lone key by its own (simplest) statement, several by one statement for all. */
  private async sendGets(keys: ObjectKey[]): Promise<(KubeObject | undefined)[]> {
    if (keys.length === 1) {
      const { rows } = await this.pool.query<{ body: KubeObject }>({ ...GET_OBJECT, values: keyParams(keys[0]!) });
      return [rows[0]?.body];
    }
    const param = JSON.stringify(keys.map((k) => ({ cluster: k.cluster, group: k.group, resource: k.resource, namespace: k.namespace, name: k.name })));
    const { rows } = await this.pool.query<{ ord: string; body: KubeObject }>({ ...GET_OBJECTS, values: [param] });
    const found: (KubeObject | undefined)[] = keys.map(() => undefined);
    for (const row of rows) found[Number(row.ord) - 1] = row.body;
    return found;
  }

  async list(query: ListQuery): Promise<ListResult> {
    const at = query.atRevision === undefined ? undefined : parseRevision(query.atRevision);
    const limit = checkListLimit(query.limit);
    const statement = listStatement({
      namespace: query.namespace !== undefined,
      after: query.after !== undefined,
      limit: limit !== undefined,
      bytewise: await this.sortsBytewise(),
    });
    const values: unknown[] = [query.cluster, query.group, query.resource];
    if (query.namespace !== undefined) values.push(query.namespace);
    if (query.after) values.push(query.after.namespace, query.after.name);
    if (limit !== undefined) values.push(limit + 1);
    const { rows } = await this.pool.query<ListRow>({ ...statement, values });

    const compacted = rows[0]?.compacted;
    if (at !== undefined && compacted !== null && compacted !== undefined && isExpired(at, Number(compacted))) {
      throw new ExpiredError(`revision ${at} is older than the history kept for paging (compacted through ${compacted})`);
    }
    // Already in this order; sorting (a no-op pass) guarantees it without relying on join output order.
    const found = rows.filter((row): row is ListRow & { namespace: string; name: string } => row.name !== null);
    found.sort(compareKeys);
    const more = limit !== undefined && found.length > limit;
    const page = more ? found.slice(0, limit) : found;
    const last = page[page.length - 1];
    return {
      items: page.map((row) => row.body),
      revision: at !== undefined ? String(at) : (rows[0]?.revision ?? "0"),
      ...(more && last ? { next: { namespace: last.namespace, name: last.name } } : {}),
    };
  }

  listNamespace(cluster: string, namespace: string, resources: readonly GroupResource[]): Promise<KubeObject[][]> {
    return this.namespaceReads.read({ cluster, namespace, resources });
  }

  /** One batch of listNamespace reads, as one statement: a row per (read, resource) pair to match objects to. */
  private async sendNamespaceLists(reads: NamespaceRead[]): Promise<KubeObject[][][]> {
    const pairs = reads.flatMap((read, r) => read.resources.map((res, i) => ({ cluster: read.cluster, namespace: read.namespace, group: res.group, resource: res.resource, r, i })));
    const { rows } = await this.pool.query<{ ord: string; namespace: string; name: string; body: KubeObject }>({
      ...LIST_NAMESPACES,
      values: [JSON.stringify(pairs.map(({ cluster, namespace, group, resource }) => ({ cluster, namespace, group, resource })))],
    });
    const found = reads.map((read) => read.resources.map((): (typeof rows)[number][] => []));
    for (const row of rows) {
      const pair = pairs[Number(row.ord) - 1];
      if (pair) found[pair.r]?.[pair.i]?.push(row);
    }
    return found.map((lists) => lists.map((each) => each.sort(compareKeys).map((row) => row.body)));
  }

  async update(key: ObjectKey, object: KubeObject, expectedRevision?: string): Promise<KubeObject> {
    const body = JSON.stringify(object);
    const result = await this.writes.write(key.cluster, { op: "update", key, uid: uidOf(object), body, expected: expectedRevision ?? null });
    if (!result.revision) throw result.current ? conflict(key) : notFound(key);
    return stored(body, result.revision);
  }

  async delete(key: ObjectKey, expectedRevision?: string): Promise<KubeObject> {
    const result = await this.writes.write(key.cluster, { op: "delete", key, uid: "", body: null, expected: expectedRevision ?? null });
    if (!result.revision || !result.body) throw result.current ? conflict(key) : notFound(key);
    return result.body as KubeObject;
  }

  watch(query: WatchQuery, fromRevision: string, signal: AbortSignal): AsyncIterable<WatchEvent> {
    const from = parseRevision(fromRevision);
    const q: WatchQuery = { ...query };
    const statement = replayStatement({ namespace: q.namespace !== undefined, name: q.name !== undefined });
    const source: WatchSource = {
      subscribe: (sink) => this.feed.subscribe(q, sink),
      replay: async (after, limit) => {
        const values: unknown[] = [q.cluster, q.group, q.resource, after, limit];
        if (q.namespace !== undefined) values.push(q.namespace);
        if (q.name !== undefined) values.push(q.name);
        const { rows } = await this.pool.query<ReplayRow>({ ...statement, values });
        const compacted = rows[0]?.compacted;
        if (compacted !== null && compacted !== undefined && isExpired(after, Number(compacted))) {
          throw new ExpiredError(`revision ${after} is older than the history kept for watching (compacted through ${compacted})`);
        }
        return rows.flatMap((row) =>
          row.revision === null ? [] : [deepFreeze({ type: row.type, object: row.object, revision: row.revision })],
        );
      },
    };
    const options = { bufferSize: this.bufferSize, pageSize: REPLAY_PAGE };
    return { [Symbol.asyncIterator]: () => new WatchStream(source, from, signal, options) };
  }

  async currentRevision(cluster?: string): Promise<string> {
    const { rows } = await this.pool.query<{ revision: string }>(
      cluster === undefined ? STORE_REVISION : { ...CLUSTER_REVISION, values: [cluster] },
    );
    return rows[0]?.revision ?? "0";
  }

  /** Trims the change log to the history window (or the one given); for a periodic job. */
  compact(window: HistoryWindow = this.window): Promise<{ deleted: number }> {
    return compactChanges(this.pool, checkHistoryWindow(window), this.clock.now());
  }

  /** How the shared change feed is doing, for metrics and tests. */
  stats(): ChangeFeedStats {
    return this.feed.stats();
  }

  /** Ends every watch and releases the LISTEN connection. The pool stays the caller's to end. */
  close(): Promise<void> {
    return this.feed.close();
  }

  /** One statement for a batch of one cluster's writes (write-statements.ts); one result row per write. */
  private async sendBatch(cluster: string, writes: StoreWrite[]): Promise<StoreWriteResult[]> {
    const { rows } = await this.pool.query<StoreWriteResult>({
      ...WRITE_BATCH,
      values: [cluster, this.synchronousCommit, this.clock.now(), writesJson(writes)],
    });
    if (rows.length !== writes.length) throw new Error(`the write batch returned ${rows.length} rows for ${writes.length} writes`);
    return rows;
  }

  /** Whether the database's collation already sorts by code point, so lists can follow the primary key. */
  private sortsBytewise(): Promise<boolean> {
    this.bytewise ??= this.pool.query<{ sorted: string[] }>({ ...COLLATION_PROBE, values: [COLLATION_SAMPLE] }).then(
      ({ rows }) => {
        const expected = [...COLLATION_SAMPLE].sort(compareCodePoints);
        return JSON.stringify(rows[0]?.sorted) === JSON.stringify(expected);
      },
      (error: unknown) => {
        this.bytewise = undefined;
        throw error;
      },
    );
    return this.bytewise;
  }
}

function keyParams(key: ObjectKey): string[] {
  return [key.cluster, key.group, key.resource, key.namespace, key.name];
}

/** The writes as the statement's JSON array. Bodies are JSON already: spliced in, not quoted and parsed again. */
function writesJson(writes: StoreWrite[]): string {
  const json = JSON.stringify;
  const items = writes.map(
    (w) =>
      `{"op":"${w.op}","group":${json(w.key.group)},"resource":${json(w.key.resource)},"namespace":${json(w.key.namespace)},` +
      `"name":${json(w.key.name)},"uid":${json(w.uid)},"expected":${json(w.expected)},"body":${w.body ?? "null"}}`,
  );
  return `[${items.join(",")}]`;
}

function uidOf(object: KubeObject): string {
  return typeof object.metadata.uid === "string" ? object.metadata.uid : "";
}

/** What the row now holds: the JSON that was sent, with the revision the statement stamped into it. */
function stored(body: string, revision: string): KubeObject {
  const object = JSON.parse(body) as KubeObject;
  object.metadata.resourceVersion = revision;
  return object;
}

const alreadyExists = (key: ObjectKey) => new AlreadyExistsError(`${describeKey(key)} already exists`, key);
const notFound = (key: ObjectKey) => new NotFoundError(`${describeKey(key)} not found`, key);
const conflict = (key: ObjectKey) => new ConflictError(`${describeKey(key)} has been modified`, key);

import type { Clock } from "../clock";
import { AlreadyExistsError, ConflictError, describeKey, ExpiredError, NotFoundError } from "./errors";
import { checkHistoryWindow, defaultHistoryWindow, isExpired, type HistoryWindow } from "./history-window";
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
} from "./object-store";
import { checkListLimit, compareKeys, deepFreeze, parseRevision, watchMatches, withRevision } from "./revisions";
import { WatchStream, type WatchSink, type WatchSource } from "./watch-stream";

export type MemoryObjectStoreOptions = {
  /** Stamps changes for the time part of the history window; without one, time stands still (count only). */
  clock?: Clock;
  historyWindow?: HistoryWindow;
  /**
   * The history never grows past this many changes: beyond it, a write compacts as if the window had no time
   * part (the per-cluster floor still holds). The Postgres store compacts only when compact() is called.
   */
  maxChanges?: number;
  watchBufferSize?: number;
};

type Change = { revision: number; createdAt: number; key: ObjectKey; event: WatchEvent };
type Stored = { key: ObjectKey; object: KubeObject };
type Subscriber = { query: WatchQuery; sink: WatchSink };

const stoppedClock: Clock = { now: () => new Date(0) };
const REPLAY_PAGE = 1000;

/**
 * The ObjectStore in memory, for unit tests of pure code. It behaves like the Postgres store on every point
 * the contract tests check: one global revision, compare-and-swap, list order and paging (pages after the
 * first show the latest state and echo atRevision), per-cluster history compacted by the same window rules
 * (call compact(), as the production job does), ExpiredError beyond it, bounded watch buffers. Objects go in and
 * out as JSON copies, so callers can never alias stored state. Revisions here have no gaps; Postgres's may.
 */
export class MemoryObjectStore implements ObjectStore {
  private revision = 0;
  private readonly objects = new Map<string, Map<string, Stored>>();
  private readonly history = new Map<string, Change[]>();
  private readonly clusterRevision = new Map<string, number>();
  /** Per cluster, the highest revision compaction removed. */
  private readonly compacted = new Map<string, number>();
  private readonly subscribers = new Set<Subscriber>();
  private readonly clock: Clock;
  private readonly window: HistoryWindow;
  private readonly maxChanges: number;
  private readonly bufferSize: number;
  private changeCount = 0;

  constructor(options: MemoryObjectStoreOptions = {}) {
    this.clock = options.clock ?? stoppedClock;
    this.window = checkHistoryWindow(options.historyWindow ?? defaultHistoryWindow);
    this.maxChanges = options.maxChanges ?? 10_000;
    this.bufferSize = options.watchBufferSize ?? 10_000;
  }

  create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    return attempt(() => {
      const collection = this.ensureCollection(key);
      const id = objectId(key);
      if (collection.has(id)) throw new AlreadyExistsError(`${describeKey(key)} already exists`, key);
      const revision = ++this.revision;
      const stored = withRevision(object, String(revision));
      collection.set(id, { key: { ...key }, object: stored });
      this.record(key, "ADDED", stored, revision);
      return structuredClone(stored);
    });
  }

  get(key: ObjectKey): Promise<KubeObject | undefined> {
    const stored = this.collection(key)?.get(objectId(key));
    return Promise.resolve(stored && structuredClone(stored.object));
  }

  list(query: ListQuery): Promise<ListResult> {
    return attempt(() => {
      const at = query.atRevision === undefined ? undefined : parseRevision(query.atRevision);
      if (at !== undefined && isExpired(at, this.compacted.get(query.cluster))) {
        throw new ExpiredError(`revision ${at} is older than the history kept for paging`);
      }
      const limit = checkListLimit(query.limit);
      const matching = [...(this.collection(query)?.values() ?? [])]
        .filter(({ key }) => query.namespace === undefined || key.namespace === query.namespace)
        .filter(({ key }) => !query.after || compareKeys(key, query.after) > 0)
        .sort((a, b) => compareKeys(a.key, b.key));
      const page = limit ? matching.slice(0, limit) : matching;
      const last = page[page.length - 1];
      return {
        items: page.map((entry) => structuredClone(entry.object)),
        revision: String(at ?? this.clusterRevision.get(query.cluster) ?? 0),
        ...(last && page.length < matching.length ? { next: { namespace: last.key.namespace, name: last.key.name } } : {}),
      };
    });
  }

  listNamespace(cluster: string, namespace: string, resources: readonly GroupResource[]): Promise<KubeObject[][]> {
    return attempt(() =>
      resources.map((kind) =>
        [...(this.collection({ cluster, ...kind })?.values() ?? [])]
          .filter(({ key }) => key.namespace === namespace)
          .sort((a, b) => compareKeys(a.key, b.key))
          .map((entry) => structuredClone(entry.object)),
      ),
    );
  }

  update(key: ObjectKey, object: KubeObject, expectedRevision?: string): Promise<KubeObject> {
    return attempt(() => {
      const { collection, id } = this.existing(key, expectedRevision);
      const revision = ++this.revision;
      const stored = withRevision(object, String(revision));
      collection.set(id, { key: { ...key }, object: stored });
      this.record(key, "MODIFIED", stored, revision);
      return structuredClone(stored);
    });
  }

  delete(key: ObjectKey, expectedRevision?: string): Promise<KubeObject> {
    return attempt(() => {
      const { collection, id, current } = this.existing(key, expectedRevision);
      collection.delete(id);
      const revision = ++this.revision;
      const last = withRevision(current, String(revision));
      this.record(key, "DELETED", last, revision);
      return last;
    });
  }

  watch(query: WatchQuery, fromRevision: string, signal: AbortSignal): AsyncIterable<WatchEvent> {
    const from = parseRevision(fromRevision);
    const source: WatchSource = {
      subscribe: (sink) => {
        const subscriber = { query: { ...query }, sink };
        this.subscribers.add(subscriber);
        return Promise.resolve(() => this.subscribers.delete(subscriber));
      },
      replay: (after, limit) =>
        attempt(() => {
          const changes = this.history.get(query.cluster) ?? [];
          if (isExpired(after, this.compacted.get(query.cluster))) {
            throw new ExpiredError(`revision ${after} is older than the history kept for watching`);
          }
          const events: WatchEvent[] = [];
          for (let i = firstAfter(changes, after); i < changes.length && events.length < limit; i++) {
            const change = changes[i] as Change;
            if (watchMatches(query, change.key)) events.push(change.event);
          }
          return events;
        }),
    };
    const options = { bufferSize: this.bufferSize, pageSize: REPLAY_PAGE };
    return { [Symbol.asyncIterator]: () => new WatchStream(source, from, signal, options) };
  }

  currentRevision(cluster?: string): Promise<string> {
    return Promise.resolve(String(cluster === undefined ? this.revision : (this.clusterRevision.get(cluster) ?? 0)));
  }

  /** Drops each cluster's changes that are older than the window and not among its newest `minRevisions`. */
  compact(window: HistoryWindow = this.window): Promise<{ deleted: number }> {
    const cutoff = this.clock.now().getTime() - window.maxAgeMs;
    let deleted = 0;
    for (const [cluster, changes] of this.history) {
      const floor = changes.length - window.minRevisions;
      let drop = 0;
      while (drop < floor && (changes[drop] as Change).createdAt < cutoff) drop++;
      if (drop === 0) continue;
      this.compacted.set(cluster, (changes[drop - 1] as Change).revision);
      this.history.set(cluster, changes.slice(drop));
      deleted += drop;
    }
    this.changeCount -= deleted;
    return Promise.resolve({ deleted });
  }

  private existing(key: ObjectKey, expectedRevision: string | undefined) {
    const collection = this.collection(key);
    const id = objectId(key);
    const current = collection?.get(id)?.object;
    if (!collection || !current) throw new NotFoundError(`${describeKey(key)} not found`, key);
    if (expectedRevision !== undefined && current.metadata.resourceVersion !== expectedRevision) {
      throw new ConflictError(`${describeKey(key)} has been modified`, key);
    }
    return { collection, id, current };
  }

  private record(key: ObjectKey, type: WatchEventType, object: KubeObject, revision: number): void {
    const event = deepFreeze({ type, object: structuredClone(object), revision: String(revision) });
    const changes = this.history.get(key.cluster) ?? [];
    changes.push({ revision, createdAt: this.clock.now().getTime(), key: { ...key }, event });
    this.history.set(key.cluster, changes);
    this.clusterRevision.set(key.cluster, revision);
    if (++this.changeCount > this.maxChanges) {
      void this.compact({ maxAgeMs: -Infinity, minRevisions: this.window.minRevisions });
    }
    for (const { query, sink } of this.subscribers) {
      if (watchMatches(query, key)) sink.push(event, revision);
    }
  }

  private collection(ref: { cluster: string; group: string; resource: string }): Map<string, Stored> | undefined {
    return this.objects.get(collectionId(ref));
  }

  private ensureCollection(ref: { cluster: string; group: string; resource: string }): Map<string, Stored> {
    const id = collectionId(ref);
    let collection = this.objects.get(id);
    if (!collection) this.objects.set(id, (collection = new Map<string, Stored>()));
    return collection;
  }
}

/** Runs `fn`, turning a throw into a rejection, as an async store would report it. */
function attempt<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

function collectionId(ref: { cluster: string; group: string; resource: string }): string {
  return `${ref.cluster}\u0000${ref.group}\u0000${ref.resource}`;
}

function objectId(key: ObjectKey): string {
  return `${key.namespace}\u0000${key.name}`;
}

/** Index of the first change with a revision above `after` (changes are in revision order). */
function firstAfter(changes: Change[], after: number): number {
  let low = 0;
  let high = changes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((changes[mid] as Change).revision <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

import { ExpiredError, SlowWatcherError } from "./errors";
import { ObjectIndex } from "./object-index";
import type { KubeObject, ObjectStore, ResourceRef } from "./object-store";

/** A resource the cache follows. */
export type CachedResource = {
  group: string;
  resource: string;
  namespaced: boolean;
  /**
   * Which of this process's own writes reads wait for (read-your-writes). "all" by default; "membership" waits
   * only for creates and deletes, for callers that use the cache to learn which objects exist (not their
   * current content), so frequent updates (say, a quota's status) never make a read wait.
   */
  readYourWrites?: "all" | "membership";
};

export type WriteKind = "create" | "update" | "delete";

export type ObjectCacheOptions = {
  store: ObjectStore;
  cluster: string;
  resources: readonly CachedResource[];
  /**
   * How long a read waits for the cache to see a write this process made (noteWrite) before it reads the store
   * directly instead. Reads stay direct until the cache has caught up.
   */
  catchUpTimeoutMs?: number;
  /** The pause before listing again after a failed list or watch (an expired or slow watch relists at once). */
  retryDelayMs?: number;
  /** Failures of the background list and watch; the cache keeps retrying. */
  onError?: (error: unknown) => void;
};

/** One followed resource: its objects, the revision they reflect, and the newest own write to wait for. */
type Follower = {
  spec: CachedResource;
  ref: ResourceRef;
  index: ObjectIndex;
  synced: boolean;
  seen: number;
  wanted: number;
  /** Set when a read gave up waiting: reads go to the store until the cache is current again. */
  lagging: boolean;
  waiters: Set<() => void>;
};

/** Every object of a resource (one namespace, or all), read a page at a time at one revision. */
export async function listAllObjects(store: ObjectStore, ref: ResourceRef, namespace?: string): Promise<{ items: KubeObject[]; revision: string }> {
  const items: KubeObject[] = [];
  let after: { namespace: string; name: string } | undefined;
  let revision: string | undefined;
  do {
    const page = await store.list({ ...ref, ...(namespace !== undefined ? { namespace } : {}), limit: 1000, ...(after ? { after } : {}), ...(revision ? { atRevision: revision } : {}) });
    revision ??= page.revision;
    items.push(...page.items);
    after = page.next;
  } while (after);
  return { items, revision: revision ?? "0" };
}

const followerId = (group: string, resource: string) => `${group}/${resource}`;

/**
 * Some resources of one cluster, in memory: each listed once and then kept current from the store's change
 * feed, as Kubernetes' informers keep the listers its authorizer and admission plugins read (an expired or
 * broken watch lists again). A read is a map lookup, with no round trip to the store.
 *
 * Read-your-writes: a write through this process's API (see trackWrites) tells the cache its revision, and
 * reads of that resource wait until the watch has delivered it (or, after `catchUpTimeoutMs`, read the store).
 * So a RoleBinding or LimitRange created through the API counts for the very next request. Writes made by
 * another process (e.g. the worker's own API client) arrive with the change feed's latency: a NOTIFY and one
 * query, usually a few milliseconds, at most its poll interval. Callers that must never act on that lag (a
 * namespace that looks missing) check the store when the cache says no.
 */
export class ObjectCache {
  private readonly followers = new Map<string, Follower>();
  private readonly stop = new AbortController();
  private started: Promise<void>[] | undefined;
  private changes = 0;

  constructor(private readonly options: ObjectCacheOptions) {
    for (const spec of options.resources) {
      this.followers.set(followerId(spec.group, spec.resource), {
        spec,
        ref: { cluster: options.cluster, group: spec.group, resource: spec.resource },
        index: new ObjectIndex(),
        synced: false,
        seen: 0,
        wanted: 0,
        lagging: false,
        waiters: new Set(),
      });
    }
  }

  /** The objects of a followed resource in a namespace ("" for cluster-scoped ones), in name order. */
  list(group: string, resource: string, namespace: string): readonly KubeObject[] | Promise<readonly KubeObject[]> {
    const f = this.follower(group, resource);
    return this.read(f, () => f.index.list(namespace), () => this.directList(f, namespace));
  }

  /** One object of a followed resource, or undefined. */
  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined | Promise<KubeObject | undefined> {
    const f = this.follower(group, resource);
    return this.read(
      f,
      () => f.index.get(namespace, name),
      async () => (await this.options.store.get({ ...f.ref, namespace, name })) ?? undefined,
    );
  }

  /** Changes whenever any cached object does; undefined while some read would have to wait or go direct. */
  generation(): number | undefined {
    this.start();
    if (this.stop.signal.aborted) return undefined;
    for (const f of this.followers.values()) if (!isCurrent(f)) return undefined;
    return this.changes;
  }

  /** Records a write this process made, so reads of its resource wait until the cache has it. */
  noteWrite(ref: ResourceRef, revision: string | undefined, kind: WriteKind): void {
    if (ref.cluster !== this.options.cluster || revision === undefined) return;
    const f = this.followers.get(followerId(ref.group, ref.resource));
    if (!f || (kind === "update" && f.spec.readYourWrites === "membership")) return;
    const value = Number(revision);
    if (Number.isSafeInteger(value) && value > f.wanted) f.wanted = value;
  }

  /** Starts the lists and watches (reads also start them). */
  start(): void {
    if (this.started || this.stop.signal.aborted) return;
    this.started = [...this.followers.values()].map((f) => this.follow(f));
  }

  /** Stops the watches; later reads go to the store. */
  async close(): Promise<void> {
    this.stop.abort();
    for (const f of this.followers.values()) for (const wake of [...f.waiters]) wake();
    await Promise.allSettled(this.started ?? []);
  }

  private follower(group: string, resource: string): Follower {
    const f = this.followers.get(followerId(group, resource));
    if (!f) throw new Error(`ObjectCache: ${followerId(group, resource)} is not followed`);
    return f;
  }

  private read<T>(f: Follower, cached: () => T, direct: () => Promise<T>): T | Promise<T> {
    this.start();
    if (this.stop.signal.aborted) return direct();
    if (isCurrent(f)) return cached();
    if (f.lagging) return direct();
    return this.catchUp(f).then((current) => (current ? cached() : direct()));
  }

  private async directList(f: Follower, namespace: string): Promise<readonly KubeObject[]> {
    const all = await listAllObjects(this.options.store, f.ref, f.spec.namespaced ? namespace : undefined);
    return f.spec.namespaced ? all.items : all.items.filter((o) => (o.metadata.namespace ?? "") === namespace);
  }

  /** Resolves true once the follower is current, false if it is not within the timeout (or the cache closes). */
  private catchUp(f: Follower): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (current: boolean) => {
        clearTimeout(timer);
        f.waiters.delete(check);
        if (!current) f.lagging = true;
        resolve(current);
      };
      const check = () => {
        if (isCurrent(f)) done(true);
        else if (this.stop.signal.aborted) done(false);
      };
      const timer = setTimeout(() => done(false), this.options.catchUpTimeoutMs ?? 1000);
      f.waiters.add(check);
    });
  }

  /** Lists the resource, then applies its watch until it breaks; again until the cache closes. */
  private async follow(f: Follower): Promise<void> {
    const signal = this.stop.signal;
    while (!signal.aborted) {
      try {
        const { items, revision } = await listAllObjects(this.options.store, f.ref);
        if (signal.aborted) return;
        f.index.replace(items);
        this.advance(f, Number(revision));
        for await (const event of this.options.store.watch(f.ref, revision, signal)) {
          f.index.apply(event);
          this.advance(f, Number(event.revision));
        }
        // A watch the store ended quietly: list again, after a pause in case it keeps doing so.
        if (!signal.aborted) await pause(this.options.retryDelayMs ?? 1000, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ExpiredError || error instanceof SlowWatcherError) continue;
        this.options.onError?.(error);
        await pause(this.options.retryDelayMs ?? 1000, signal);
      }
    }
  }

  private advance(f: Follower, revision: number): void {
    f.synced = true;
    if (revision > f.seen) f.seen = revision;
    this.changes++;
    if (isCurrent(f)) f.lagging = false;
    for (const wake of [...f.waiters]) wake();
  }
}

const isCurrent = (f: Follower) => f.synced && f.seen >= f.wanted;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

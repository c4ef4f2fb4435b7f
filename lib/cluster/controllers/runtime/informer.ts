import type { KubeObject } from "../../store/object-store";
import { keyOf } from "./resource-id";

export type InformerEventType = "ADDED" | "MODIFIED" | "DELETED";

/** A change as the cache saw it; `previous` is the cached state before it (absent for ADDED). */
export type InformerEvent = { type: InformerEventType; object: KubeObject; previous?: KubeObject };

/** Where an informer reads from: a consistent list, and a watch that resumes after a list's revision. */
export type ListWatch = {
  list(): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  watch(fromRevision: string, signal: AbortSignal): AsyncIterable<{ type: InformerEventType; object: KubeObject }>;
};

/** A secondary index: the values an object is filed under (e.g. a pod's node name). */
export type IndexSpec = { name: string; values: (object: KubeObject) => readonly string[] };

export type InformerOptions = {
  /** Waits before a retry after an error (injected so tests run without real delays). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  onError?: (error: unknown) => void;
};

/**
 * A watch-fed, in-memory copy of one resource, as client-go's shared informers keep: list once, then follow the
 * watch; when the watch breaks, resume from the last revision seen, and when that revision has expired, list
 * again and turn the difference into events. Controllers read from it and never from the store.
 *
 * `revision` is the newest resourceVersion the cache reflects. Revisions are one global sequence, so "the cache
 * has caught up with a write" is simply `revision >= the write's resourceVersion` (see waitFor).
 */
export class Informer {
  private readonly objects = new Map<string, KubeObject>();
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();
  private readonly indexes = new Map<string, { spec: IndexSpec; entries: Map<string, Map<string, KubeObject>> }>();
  private readonly handlers: ((event: InformerEvent) => void)[] = [];
  private waiters: { revision: bigint; resolve: () => void }[] = [];
  private current = -1n;
  private syncedResolve!: () => void;
  /** Resolves after the first list has been loaded. */
  readonly synced: Promise<void> = new Promise((resolve) => (this.syncedResolve = resolve));

  constructor(
    private readonly source: ListWatch,
    private readonly options: InformerOptions,
  ) {}

  get revision(): bigint {
    return this.current;
  }

  /** Handlers run synchronously for every change, after the cache has applied it. */
  onEvent(handler: (event: InformerEvent) => void): void {
    this.handlers.push(handler);
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(namespace === "" ? name : `${namespace}/${name}`);
  }

  /** Every cached object, or one namespace's. Do not modify what you get (copy first). */
  list(namespace?: string): KubeObject[] {
    if (namespace === undefined) return [...this.objects.values()];
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }

  /** Objects whose ownerReferences name this uid (the garbage collector's and workload controllers' index). */
  ownedBy(uid: string): KubeObject[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  /**
   * Objects filed under `value` by `index` (built on first use, then kept up to date with every change), so a
   * pass can find one node's pods without scanning every pod. Do not modify what you get.
   */
  indexed(index: IndexSpec, value: string): KubeObject[] {
    let built = this.indexes.get(index.name);
    if (!built) {
      built = { spec: index, entries: new Map() };
      this.indexes.set(index.name, built);
      for (const [key, object] of this.objects) file(built.entries, index.values(object), key, object);
    }
    return [...(built.entries.get(value)?.values() ?? [])];
  }

  /** How many objects one namespace holds (without copying them as list does). */
  count(namespace: string): number {
    return this.byNamespace.get(namespace)?.size ?? 0;
  }

  get size(): number {
    return this.objects.size;
  }

  /** Resolves once the cache reflects `revision` (or after `timeoutMs`, answering whether it got there). */
  waitFor(revision: string | bigint, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const wanted = BigInt(revision);
    if (this.current >= wanted) return Promise.resolve(true);
    return new Promise((resolve) => {
      const controller = new AbortController();
      const done = (reached: boolean) => {
        controller.abort();
        resolve(reached);
      };
      this.waiters.push({ revision: wanted, resolve: () => done(true) });
      signal?.addEventListener("abort", () => done(false), { once: true });
      void this.options.sleep(timeoutMs, controller.signal).then(() => {
        if (!controller.signal.aborted) done(this.current >= wanted);
      });
    });
  }

  /** Lists, then follows the watch until `signal` aborts. Never rejects: errors are reported and retried. */
  async run(signal: AbortSignal): Promise<void> {
    let from: string | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (from === undefined) from = await this.relist();
        for await (const event of this.source.watch(from, signal)) {
          this.apply(event.type, event.object);
          from = event.object.metadata.resourceVersion ?? from;
          failures = 0;
        }
        // The server ended the watch (timeout, slow watcher): resume from where we are.
      } catch (error) {
        if (signal.aborted) return;
        if (isExpired(error)) from = undefined;
        else this.options.onError?.(error);
        failures++;
        await this.options.sleep(Math.min(100 * 2 ** Math.min(failures, 8), 10_000), signal).catch(() => undefined);
      }
    }
  }

  private async relist(): Promise<string> {
    const { items, resourceVersion } = await this.source.list();
    const seen = new Set<string>();
    for (const object of items) {
      seen.add(keyOf(object));
      const cached = this.objects.get(keyOf(object));
      if (cached?.metadata.resourceVersion !== object.metadata.resourceVersion) this.apply(cached ? "MODIFIED" : "ADDED", object, false);
    }
    for (const [key, object] of [...this.objects]) {
      if (!seen.has(key)) this.apply("DELETED", object, false);
    }
    this.advance(BigInt(resourceVersion));
    this.syncedResolve();
    return resourceVersion;
  }

  private apply(type: InformerEventType, object: KubeObject, advance = true): void {
    const key = keyOf(object);
    const previous = this.objects.get(key);
    if (previous) this.unindex(key, previous);
    if (type === "DELETED") this.objects.delete(key);
    else {
      this.objects.set(key, object);
      this.index(key, object);
    }
    this.refile(key, previous, type === "DELETED" ? undefined : object);
    if (advance && object.metadata.resourceVersion) this.advance(BigInt(object.metadata.resourceVersion));
    const event: InformerEvent = previous ? { type, object, previous } : { type, object };
    for (const handler of this.handlers) handler(event);
  }

  private advance(revision: bigint): void {
    if (revision <= this.current) return;
    this.current = revision;
    const ready = this.waiters.filter((w) => w.revision <= revision);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.revision > revision);
    for (const waiter of ready) waiter.resolve();
  }

  private index(key: string, object: KubeObject): void {
    const ns = object.metadata.namespace ?? "";
    let inNamespace = this.byNamespace.get(ns);
    if (!inNamespace) this.byNamespace.set(ns, (inNamespace = new Map<string, KubeObject>()));
    inNamespace.set(key, object);
    file(this.byOwner, ownerUids(object), key, object);
  }

  private unindex(key: string, object: KubeObject): void {
    const ns = object.metadata.namespace ?? "";
    const inNamespace = this.byNamespace.get(ns);
    inNamespace?.delete(key);
    if (inNamespace?.size === 0) this.byNamespace.delete(ns);
    unfile(this.byOwner, ownerUids(object), key);
  }

  /**
   * Secondary indexes keep an object where it was while its values stay (an update does not move it to the
   * end), so what `indexed` returns is in the order objects were first filed, as `list()` is in cache order.
   */
  private refile(key: string, previous: KubeObject | undefined, object: KubeObject | undefined): void {
    for (const { spec, entries } of this.indexes.values()) {
      const now = object ? spec.values(object) : [];
      if (previous) unfile(entries, spec.values(previous).filter((value) => !now.includes(value)), key);
      if (object) file(entries, now, key, object);
    }
  }
}

function file(index: Map<string, Map<string, KubeObject>>, values: readonly string[], key: string, object: KubeObject): void {
  for (const value of values) {
    let entries = index.get(value);
    if (!entries) index.set(value, (entries = new Map<string, KubeObject>()));
    entries.set(key, object);
  }
}

function unfile(index: Map<string, Map<string, KubeObject>>, values: readonly string[], key: string): void {
  for (const value of values) {
    const entries = index.get(value);
    entries?.delete(key);
    if (entries?.size === 0) index.delete(value);
  }
}

function ownerUids(object: KubeObject): string[] {
  const refs = object.metadata.ownerReferences;
  if (!Array.isArray(refs)) return [];
  return refs.map((ref) => (ref as { uid?: unknown }).uid).filter((uid): uid is string => typeof uid === "string");
}

function isExpired(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 410;
}

import type { KubeObject, ObjectKey, ObjectStore, ResourceRef } from "./object-store";
import type { WriteKind } from "./object-cache";

/** Anything that wants to know the revision of this process's writes (the in-memory caches). */
export type WriteObserver = { noteWrite(ref: ResourceRef, revision: string | undefined, kind: WriteKind): void };

/**
 * The store as the API writes through it, telling the caches the revision of every write (each ignores those
 * it does not follow). That is what makes the caches read-your-writes in this process: the next request that
 * reads a cache waits until it has seen the change. Reads and watches pass straight through.
 */
export function trackWrites(store: ObjectStore, observers: readonly WriteObserver[]): ObjectStore {
  const noted = (key: ObjectKey, kind: WriteKind) => (object: KubeObject) => {
    for (const observer of observers) observer.noteWrite(key, object.metadata.resourceVersion, kind);
    return object;
  };
  return {
    create: (key, object) => store.create(key, object).then(noted(key, "create")),
    update: (key, object, expectedRevision) => store.update(key, object, expectedRevision).then(noted(key, "update")),
    delete: (key, expectedRevision) => store.delete(key, expectedRevision).then(noted(key, "delete")),
    get: (key) => store.get(key),
    list: (query) => store.list(query),
    watch: (query, fromRevision, signal) => store.watch(query, fromRevision, signal),
    currentRevision: (cluster) => store.currentRevision(cluster),
    ...(store.listNamespace ? { listNamespace: store.listNamespace.bind(store) } : {}),
  };
}

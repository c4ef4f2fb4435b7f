import type { KubeObject, ObjectKey, ObjectStore } from "../store/object-store";
import type { RbacCache } from "./rbac-cache";

/**
 * The store as the API writes through it, telling the RBAC cache the revision of every write (it ignores those
 * that are not RBAC objects of its cluster). That is what makes RBAC read-your-writes in this process: the next
 * authorisation waits until the cache has seen the change. Reads and watches pass straight through.
 */
export function trackRbacWrites(store: ObjectStore, cache: Pick<RbacCache, "noteWrite">): ObjectStore {
  const noted = (key: ObjectKey) => (object: KubeObject) => {
    cache.noteWrite(key, object.metadata.resourceVersion);
    return object;
  };
  return {
    create: (key, object) => store.create(key, object).then(noted(key)),
    update: (key, object, expectedRevision) => store.update(key, object, expectedRevision).then(noted(key)),
    delete: (key, expectedRevision) => store.delete(key, expectedRevision).then(noted(key)),
    get: (key) => store.get(key),
    list: (query) => store.list(query),
    watch: (query, fromRevision, signal) => store.watch(query, fromRevision, signal),
    currentRevision: (cluster) => store.currentRevision(cluster),
  };
}

/**
 * The cluster's storage contract, in the shape etcd gives Kubernetes: one object per key, one global revision
 * that every write advances (it becomes the object's metadata.resourceVersion), compare-and-swap updates, and
 * a change feed that can be resumed from any revision still inside its history window.
 *
 * Revisions increase strictly but need not be dense (a failed write may use one up). Ordering is guaranteed
 * within one logical cluster: there, a change with a lower revision is never seen after one with a higher.
 * Every read and watch names its cluster, so that is the guarantee clients observe.
 *
 * Implementations: lib/server/store/postgres-object-store.ts (production), memory-object-store.ts (unit tests);
 * object-store.contract.ts is the behaviour both must show.
 */

/** A stored object: any Kubernetes-shaped JSON with metadata. The store owns metadata.resourceVersion. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
};

/** Which collection: `cluster` is the logical cluster (one default today), `group` is "" for the core group. */
export type ResourceRef = { cluster: string; group: string; resource: string };

/** One object's key. `namespace` is "" for cluster-scoped objects. */
export type ObjectKey = ResourceRef & { namespace: string; name: string };

export type ListQuery = ResourceRef & {
  /** Omit for all namespaces (and for cluster-scoped resources). */
  namespace?: string;
  /** Page size; omit (or 0) for everything. */
  limit?: number;
  /** Resume after this key (namespace, name order), as encoded in a continue token. */
  after?: { namespace: string; name: string };
  /**
   * The revision of the first page, when continuing a paged list. Pages show the latest state (not a snapshot
   * at this revision, as etcd would); `revision` echoes it, so a watch from it still misses nothing, though it
   * may replay changes a later page already showed. ExpiredError once it has left the history window.
   */
  atRevision?: string;
};

export type ListResult = {
  /** In (namespace, name) order, comparing names by code point (byte order, as etcd keys sort). */
  items: KubeObject[];
  /** The revision the list reflects: a watch started from it misses nothing and repeats nothing. */
  revision: string;
  /** Set when more items remain; pass back as `after`, with `atRevision: revision`. */
  next?: { namespace: string; name: string };
};

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export type WatchEvent = {
  type: WatchEventType;
  /**
   * The object after the change; for DELETED, the last state with the deleting revision. Shared between
   * watchers and frozen: copy before changing it.
   */
  object: KubeObject;
  revision: string;
};

export type WatchQuery = ResourceRef & { namespace?: string; name?: string };

export interface ObjectStore {
  /** Creates the object; throws AlreadyExistsError if the key is taken. Returns it with its revision. */
  create(key: ObjectKey, object: KubeObject): Promise<KubeObject>;
  get(key: ObjectKey): Promise<KubeObject | undefined>;
  list(query: ListQuery): Promise<ListResult>;
  /**
   * Replaces the object if its current resourceVersion equals `expectedRevision` (ConflictError otherwise;
   * NotFoundError if absent). Omitting `expectedRevision` means unconditional.
   */
  update(key: ObjectKey, object: KubeObject, expectedRevision?: string): Promise<KubeObject>;
  /**
   * Removes the object (same precondition rules as update) and returns its last state, stamped with the
   * deleting revision like the DELETED event.
   */
  delete(key: ObjectKey, expectedRevision?: string): Promise<KubeObject>;
  /**
   * Changes after `fromRevision` (exclusive), in revision order, until `signal` aborts (the iterator then ends).
   * Iteration throws ExpiredError when that revision has left the history window (HTTP 410 Gone), and
   * SlowWatcherError when the consumer falls too far behind (re-watch from the last revision received).
   */
  watch(query: WatchQuery, fromRevision: string, signal: AbortSignal): AsyncIterable<WatchEvent>;
  /**
   * With a cluster: the latest revision of that cluster's changes, a safe point to start watching it from
   * (what list() reports). Without: the latest revision of the whole store, which with several clusters may
   * run ahead of a write still committing in another cluster, so do not start a watch from it.
   */
  currentRevision(cluster?: string): Promise<string>;
  /**
   * Optional: every object of each of `resources` in one namespace, one array per resource in that order and
   * each as list() with that namespace would give it, read together (one statement, so one snapshot, in
   * Postgres). What measuring a quota's usage needs; callers fall back to one list() per resource without it.
   */
  listNamespace?(cluster: string, namespace: string, resources: readonly GroupResource[]): Promise<KubeObject[][]>;
}

/** A resource named by its API group (schema.GroupResource): what listNamespace takes. */
export type GroupResource = { group: string; resource: string };

import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1";
import { ExpiredError, SlowWatcherError } from "../store/errors";
import type { KubeObject, ObjectStore, ResourceRef } from "../store/object-store";
import { RbacObjectIndex } from "./rbac-cache-index";
import type { RbacSource } from "./rbac-source";
import { rbacGroup } from "./subjects";

export const rbacResources = ["roles", "rolebindings", "clusterroles", "clusterrolebindings"] as const;
export type RbacResource = (typeof rbacResources)[number];

export type RbacCacheOptions = {
  store: ObjectStore;
  cluster: string;
  /**
   * How long a read waits for the cache to see an RBAC write this process made (noteWrite) before it reads
   * the store directly instead. Reads stay direct until the cache has caught up.
   */
  catchUpTimeoutMs?: number;
  /** The pause before listing again after a failed list or watch (an expired or slow watch relists at once). */
  retryDelayMs?: number;
  /** Failures of the background list and watch; the cache keeps retrying. */
  onError?: (error: unknown) => void;
};

/** One followed resource: its objects, the revision they reflect, and the newest own write to wait for. */
type Follower = {
  index: RbacObjectIndex;
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

/**
 * RBAC's view of one cluster, in memory: Roles, RoleBindings, ClusterRoles and ClusterRoleBindings, each
 * listed once and then kept current from the store's change feed, as Kubernetes' informers keep the
 * authorizer's listers (an expired or broken watch lists again). A request reads only what it needs, with no
 * round trip to the store.
 *
 * Read-your-writes: a write through this process's API (see trackRbacWrites) tells the cache its revision, and
 * reads of that resource wait until the watch has delivered it (or, after `catchUpTimeoutMs`, read the store).
 * So a RoleBinding created through the API counts for the very next request. Writes made by another process
 * (e.g. the worker's own API client) arrive with the change feed's latency: a NOTIFY and one query, usually a
 * few milliseconds, at most its poll interval.
 */
export class RbacCache implements RbacSource {
  private readonly followers = new Map<RbacResource, Follower>();
  private readonly stop = new AbortController();
  private readonly ref: (resource: RbacResource) => ResourceRef;
  private started: Promise<void>[] | undefined;
  private changes = 0;

  constructor(private readonly options: RbacCacheOptions) {
    for (const resource of rbacResources) {
      this.followers.set(resource, { index: new RbacObjectIndex(), synced: false, seen: 0, wanted: 0, lagging: false, waiters: new Set() });
    }
    this.ref = (resource) => ({ cluster: options.cluster, group: rbacGroup, resource });
  }

  roles(namespace: string) {
    return this.read<Role>("roles", namespace);
  }
  roleBindings(namespace: string) {
    return this.read<RoleBinding>("rolebindings", namespace);
  }
  clusterRoles() {
    return this.read<ClusterRole>("clusterroles", "");
  }
  clusterRoleBindings() {
    return this.read<ClusterRoleBinding>("clusterrolebindings", "");
  }

  /** Changes whenever any cached object does; undefined while some read would have to wait or go direct. */
  generation(): number | undefined {
    this.start();
    if (this.stop.signal.aborted) return undefined;
    for (const f of this.followers.values()) if (!isCurrent(f)) return undefined;
    return this.changes;
  }

  /** Records a write this process made to the cluster's RBAC objects, so reads wait until the cache has it. */
  noteWrite(ref: ResourceRef, revision: string | undefined): void {
    if (ref.cluster !== this.options.cluster || ref.group !== rbacGroup || revision === undefined) return;
    const f = this.followers.get(ref.resource as RbacResource);
    const value = Number(revision);
    if (f && Number.isSafeInteger(value) && value > f.wanted) f.wanted = value;
  }

  /** Starts the lists and watches (reads also start them). */
  start(): void {
    if (this.started || this.stop.signal.aborted) return;
    this.started = rbacResources.map((resource) => this.follow(resource, this.followers.get(resource)!));
  }

  /** Stops the watches; later reads go to the store. */
  async close(): Promise<void> {
    this.stop.abort();
    for (const f of this.followers.values()) for (const wake of [...f.waiters]) wake();
    await Promise.allSettled(this.started ?? []);
  }

  /** The stored objects, as the RBAC type they are (the store holds them as plain JSON). */
  private read<T>(resource: RbacResource, namespace: string): readonly T[] | Promise<readonly T[]> {
    return this.readObjects(resource, namespace) as unknown as readonly T[] | Promise<readonly T[]>;
  }

  private readObjects(resource: RbacResource, namespace: string): readonly KubeObject[] | Promise<readonly KubeObject[]> {
    this.start();
    const f = this.followers.get(resource)!;
    if (this.stop.signal.aborted) return this.direct(resource, namespace);
    if (isCurrent(f)) return f.index.list(namespace);
    if (f.lagging) return this.direct(resource, namespace);
    return this.catchUp(f).then((current) => (current ? f.index.list(namespace) : this.direct(resource, namespace)));
  }

  private async direct(resource: RbacResource, namespace: string): Promise<readonly KubeObject[]> {
    const namespaced = resource === "roles" || resource === "rolebindings";
    return (await listAllObjects(this.options.store, this.ref(resource), namespaced ? namespace : undefined)).items;
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
  private async follow(resource: RbacResource, f: Follower): Promise<void> {
    const signal = this.stop.signal;
    const ref = this.ref(resource);
    while (!signal.aborted) {
      try {
        const { items, revision } = await listAllObjects(this.options.store, ref);
        if (signal.aborted) return;
        f.index.replace(items);
        this.advance(f, Number(revision));
        for await (const event of this.options.store.watch(ref, revision, signal)) {
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

import type { KubeObject, WatchEvent } from "./object-store";
import { compareCodePoints, deepFreeze } from "./revisions";

const none: readonly KubeObject[] = Object.freeze([]);

/**
 * One resource held in memory: objects by namespace ("" for cluster-scoped ones) and name. Each
 * namespace's list is kept as a ready array in name order (the store's list order), rebuilt only after that
 * namespace changes, so a read is a map lookup. Objects are frozen: every request shares them.
 */
export class ObjectIndex {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly lists = new Map<string, readonly KubeObject[]>();

  /** Replaces everything with a fresh list of the resource. */
  replace(items: readonly KubeObject[]): void {
    this.byNamespace.clear();
    this.lists.clear();
    for (const item of items) this.put(deepFreeze(item));
  }

  /** Applies one change from the store's watch (its objects are already frozen). */
  apply(event: WatchEvent): void {
    if (event.type === "DELETED") this.remove(event.object);
    else this.put(event.object);
  }

  /** The namespace's objects in name order; the same array until the namespace changes. */
  list(namespace: string): readonly KubeObject[] {
    const ready = this.lists.get(namespace);
    if (ready) return ready;
    const objects = this.byNamespace.get(namespace);
    if (!objects) return none;
    const list = Object.freeze([...objects.values()].sort((a, b) => compareCodePoints(a.metadata.name ?? "", b.metadata.name ?? "")));
    this.lists.set(namespace, list);
    return list;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  private put(object: KubeObject): void {
    const namespace = object.metadata.namespace ?? "";
    let objects = this.byNamespace.get(namespace);
    if (!objects) this.byNamespace.set(namespace, (objects = new Map<string, KubeObject>()));
    objects.set(object.metadata.name ?? "", object);
    this.lists.delete(namespace);
  }

  private remove(object: KubeObject): void {
    const namespace = object.metadata.namespace ?? "";
    const objects = this.byNamespace.get(namespace);
    if (!objects?.delete(object.metadata.name ?? "")) return;
    if (objects.size === 0) this.byNamespace.delete(namespace);
    this.lists.delete(namespace);
  }
}

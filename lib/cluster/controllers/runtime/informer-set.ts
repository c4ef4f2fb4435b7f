import type { KubeObject } from "../../store/object-store";
import type { WrittenRevisions } from "./controller-client";
import type { Cache } from "./controller";
import { Informer, type IndexSpec, type InformerOptions, type ListWatch } from "./informer";
import { resourceName, type ResourceId } from "./resource-id";

/** One informer per resource, shared by every controller in the process (as client-go's SharedInformerFactory). */
export class InformerSet implements Cache {
  private readonly informers = new Map<string, Informer>();
  private readonly running: Promise<void>[] = [];

  constructor(
    private readonly listWatchFor: (resource: ResourceId) => ListWatch,
    private readonly options: InformerOptions,
  ) {}

  informer(resource: ResourceId): Informer {
    const name = resourceName(resource);
    let informer = this.informers.get(name);
    if (!informer) {
      informer = new Informer(this.listWatchFor(resource), this.options);
      this.informers.set(name, informer);
    }
    return informer;
  }

  /** Starts every informer created so far and resolves when all have loaded their first list. */
  async start(signal: AbortSignal): Promise<void> {
    for (const informer of this.informers.values()) this.running.push(informer.run(signal));
    await Promise.all([...this.informers.values()].map((i) => i.synced));
  }

  /** Resolves when every informer has run to its end (after the start signal aborted). */
  async stopped(): Promise<void> {
    await Promise.all(this.running);
  }

  get(resource: ResourceId, namespace: string, name: string): KubeObject | undefined {
    return this.informer(resource).get(namespace, name);
  }

  list(resource: ResourceId, namespace?: string): KubeObject[] {
    return this.informer(resource).list(namespace);
  }

  ownedBy(resource: ResourceId, uid: string): KubeObject[] {
    return this.informer(resource).ownedBy(uid);
  }

  indexed(resource: ResourceId, index: IndexSpec, value: string): KubeObject[] {
    return this.informer(resource).indexed(index, value);
  }

  count(resource: ResourceId, namespace: string): number {
    return this.informer(resource).count(namespace);
  }

  /** Waits until each informer reflects the revision written to its resource; false if any timed out. */
  async waitForWrites(written: WrittenRevisions, timeoutMs: number): Promise<boolean> {
    const waits = Object.entries(written).map(([name, revision]) => {
      const informer = this.informers.get(name);
      return informer ? informer.waitFor(revision, timeoutMs) : Promise.resolve(true);
    });
    return (await Promise.all(waits)).every(Boolean);
  }
}

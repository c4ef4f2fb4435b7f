import { ExpiredError, SlowWatcherError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import type { ResourceType } from "../resources/resource-type";
import { CLEANUP_FINALIZER, CRD_GROUP, CRD_RESOURCE, readCrd } from "./crd-object";
import { customResourceTypes } from "./custom-resource-types";

export type CrdSyncOptions = {
  onError: (error: unknown) => void;
  /** Pause before retrying after a store failure (injected so tests need not wait). */
  retryDelayMs?: number;
  /** Finishes deleting a CRD a crashed process left half-deleted (see delete-crd.ts); run on every (re)list. */
  finishDeletion?: (crd: KubeObject) => Promise<void>;
};

type Applied = { revision: bigint; types: ResourceType[] };

const revisionOf = (object: KubeObject): bigint => {
  const rv = object.metadata.resourceVersion;
  return typeof rv === "string" && /^\d+$/.test(rv) ? BigInt(rv) : 0n;
};

/**
 * Feeds the resource registry from the CustomResourceDefinitions in the store, so every process serving the
 * API (web, worker with an in-process client) serves the same custom types: it lists the CRDs at start, then
 * follows the store's watch from that revision; when the revision has left the history window it lists again.
 *
 * Writes in this process also report here directly (`observe`), so a request right after a CRD write sees the
 * type without waiting for the watch to deliver it. Both paths apply a CRD state only if it is newer than the
 * last one applied for that name, so a late watch event never undoes a newer state.
 */
export class CrdSync {
  private readonly applied = new Map<string, Applied>();
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private listed: Promise<void> | undefined;

  constructor(
    private readonly ctx: Pick<ApiContext, "store" | "registry" | "cluster">,
    private readonly options: CrdSyncOptions,
  ) {}

  /** Lists the CRDs (retrying until the store answers), then follows changes in the background. */
  start(): Promise<void> {
    if (!this.listed) {
      let ready!: () => void;
      this.listed = new Promise<void>((resolve) => (ready = resolve));
      this.running = this.run(ready);
    }
    return this.listed;
  }

  /** Stops following changes; the registry keeps what it has. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.running?.catch(() => undefined);
  }

  /** A CRD state this process has just stored (or read): registered now if newer than what was applied. */
  observe(object: KubeObject): void {
    this.apply(readCrd(object).name, revisionOf(object), object);
  }

  /** A CRD this process has just deleted, with the revision of the deletion. */
  observeDeleted(name: string, revision: bigint): void {
    this.apply(name, revision, undefined);
  }

  private apply(name: string, revision: bigint, object: KubeObject | undefined): void {
    const previous = this.applied.get(name);
    if (previous && previous.revision >= revision) return;
    for (const type of previous?.types ?? []) this.ctx.registry.remove(type.group, type.version, type.plural);
    const types = object ? customResourceTypes(readCrd(object)) : [];
    for (const type of types) this.ctx.registry.add(type);
    this.applied.set(name, { revision, types });
  }

  private async run(ready: () => void): Promise<void> {
    let from: string | undefined;
    const signal = this.stop.signal;
    while (!signal.aborted) {
      try {
        if (from === undefined) {
          from = await this.relist();
          ready();
        }
        for await (const event of this.ctx.store.watch(this.query(), from, signal)) {
          if (event.type === "DELETED") this.observeDeleted(event.object.metadata.name ?? "", BigInt(event.revision));
          else this.observe(event.object);
          from = event.revision;
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ExpiredError) from = undefined;
        else if (!(error instanceof SlowWatcherError)) {
          this.options.onError(error);
          await this.pause();
        }
      }
    }
    ready();
  }

  private query() {
    return { cluster: this.ctx.cluster, group: CRD_GROUP, resource: CRD_RESOURCE };
  }

  /** Applies every CRD the store has, forgets those it no longer has, and returns the list's revision. */
  private async relist(): Promise<string> {
    const list = await this.ctx.store.list(this.query());
    const revision = BigInt(list.revision);
    const present = new Set<string>();
    for (const object of list.items) {
      present.add(object.metadata.name ?? "");
      this.observe(object);
    }
    for (const [name, applied] of this.applied) {
      if (!present.has(name) && applied.revision < revision) this.observeDeleted(name, revision);
    }
    for (const object of list.items) {
      const finalizers = object.metadata.finalizers;
      if (object.metadata.deletionTimestamp && Array.isArray(finalizers) && finalizers.includes(CLEANUP_FINALIZER)) {
        await this.options.finishDeletion?.(object).catch((error: unknown) => this.options.onError(error));
      }
    }
    return list.revision;
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.stop.signal;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, this.options.retryDelayMs ?? 1000);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

import { MemoryObjectStore } from "../memory-object-store";
import type { KubeObject, ObjectKey, ObjectStore, WatchEvent, WatchQuery } from "../object-store";

/**
 * A store whose watches hold every event until released: the change feed's latency, made controllable. `holds`
 * narrows that to some watches (one resource's informer lagging behind the others). `fail` makes the next watch
 * that starts throw the given error instead.
 */
export class LaggingStore implements ObjectStore {
  constructor(readonly inner: ObjectStore = new MemoryObjectStore()) {}
  private held: (() => void)[] = [];
  holding = false;
  holds: (query: WatchQuery) => boolean = () => true;
  fail: Error | undefined;
  watches = 0;

  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }
  create = (k: ObjectKey, o: KubeObject) => this.inner.create(k, o);
  get = (k: ObjectKey) => this.inner.get(k);
  list = (q: Parameters<ObjectStore["list"]>[0]) => this.inner.list(q);
  update = (k: ObjectKey, o: KubeObject, rv?: string) => this.inner.update(k, o, rv);
  delete = (k: ObjectKey, rv?: string) => this.inner.delete(k, rv);
  currentRevision = (c?: string) => this.inner.currentRevision(c);
  watch(query: WatchQuery, from: string, signal: AbortSignal): AsyncIterable<WatchEvent> {
    this.watches++;
    const failure = this.fail;
    this.fail = undefined;
    const events = this.inner.watch(query, from, signal);
    signal.addEventListener("abort", () => this.release());
    const held = () => (this.holding && this.holds(query) ? new Promise<void>((resolve) => this.held.push(resolve)) : undefined);
    return (async function* () {
      if (failure !== undefined) throw failure;
      for await (const event of events) {
        await held();
        yield event;
      }
    })();
  }
}

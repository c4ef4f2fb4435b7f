/**
 * Runs tasks one at a time per key, in arrival order, within this process. The quota admission serialises a
 * namespace's quota checks with it, as Kubernetes' admission queues work per namespace; compare-and-swap on the
 * quota objects still guards writes from other processes.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last task out removes its key, so the map does not grow with every namespace ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

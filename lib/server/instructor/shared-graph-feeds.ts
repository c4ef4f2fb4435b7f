import type { NamespaceGraph } from "@/lib/instructor/namespace-graph";

type Follow = (namespace: string, onGraph: (graph: NamespaceGraph) => void) => () => void;
type Feed = { stop: () => void; listeners: Set<(graph: NamespaceGraph) => void>; last?: NamespaceGraph };

/**
 * One live graph per namespace however many instructor tabs watch it: the first subscriber starts the watches, the
 * last one to leave stops them, and a late subscriber gets the latest graph at once.
 */
export class SharedGraphFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly follow: Follow) {}

  subscribe(namespace: string, listener: (graph: NamespaceGraph) => void): () => void {
    let feed = this.feeds.get(namespace);
    if (!feed) {
      const created: Feed = { stop: () => undefined, listeners: new Set() };
      created.stop = this.follow(namespace, (graph) => {
        created.last = graph;
        for (const l of created.listeners) l(graph);
      });
      this.feeds.set(namespace, created);
      feed = created;
    }
    feed.listeners.add(listener);
    if (feed.last) listener(feed.last);
    const subscribed = feed;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size === 0 && this.feeds.get(namespace) === subscribed) {
        this.feeds.delete(namespace);
        subscribed.stop();
      }
    };
  }

  /** Namespaces being followed now (for tests: watches must not outlive their watchers). */
  get size(): number {
    return this.feeds.size;
  }

  stopAll(): void {
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
  }
}

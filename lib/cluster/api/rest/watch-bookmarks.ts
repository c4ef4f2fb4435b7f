import type { KubeObject } from "../../store/object-store";
import { groupVersion, type ResourceType } from "../resources/resource-type";

/** How often Kubernetes' watch cache sends a bookmark to a watcher that asked for them. */
export const DEFAULT_BOOKMARK_INTERVAL_MS = 60_000;
/** The last bookmark goes this long before the watch's timeout, so a client resumes from a fresh revision. */
const BEFORE_DEADLINE_MS = 2_000;

export type BookmarkEvent = { type: "BOOKMARK"; object: KubeObject };

/**
 * Watch bookmarks (`allowWatchBookmarks=true`): every interval, and once just before the watch times out, an
 * event `{type: BOOKMARK, object: {kind, apiVersion, metadata: {resourceVersion}}}` carrying the latest revision
 * the watch has caught up to, so a client that re-watches from it skips the changes it filtered out meanwhile.
 * The revision comes from `progress` (every store change the watch has passed, delivered or filtered) and from
 * the events themselves; a bookmark is never sent before the watch knows one.
 */
export class WatchBookmarks {
  private revision: bigint | undefined;
  private elapsedMs = 0;

  constructor(
    private readonly type: ResourceType,
    private readonly intervalMs: number,
    /** Milliseconds until the watch times out. */
    private readonly timeoutMs: number,
    /** Ends the watch underneath, when the client stops reading while an event is still awaited. */
    private readonly cancel: () => void,
  ) {}

  /** For the watch to report each revision it has passed. */
  readonly progress = (revision: string): void => {
    if (!/^\d+$/.test(revision)) return;
    const value = BigInt(revision);
    if (this.revision === undefined || value > this.revision) this.revision = value;
  };

  /** The events with bookmarks interleaved whenever the watch is quiet at a bookmark time. */
  async *wrap<T extends { object: KubeObject }>(events: AsyncIterable<T>): AsyncGenerator<T | BookmarkEvent> {
    const iterator = events[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<T>> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let due: Promise<typeof tick> | undefined;
    try {
      for (;;) {
        pending ??= iterator.next();
        const delay = due ? undefined : this.nextDelay();
        if (delay !== undefined) {
          due = new Promise((resolve) => (timer = setTimeout(() => resolve(tick), delay)));
          this.elapsedMs += delay;
        }
        const next = await (due ? Promise.race([pending, due]) : pending);
        if (next === tick) {
          due = undefined;
          if (this.revision !== undefined) yield this.bookmark(this.revision);
          continue;
        }
        pending = undefined;
        if (next.done) return;
        const revision = next.value.object.metadata.resourceVersion;
        if (revision !== undefined) this.progress(revision);
        yield next.value;
      }
    } finally {
      clearTimeout(timer);
      // An event still awaited would hold return() until the next change: end the watch so it settles now.
      if (pending) this.cancel();
      await iterator.return?.();
    }
  }

  /** Milliseconds to the next bookmark, or undefined when none is left before the deadline. */
  private nextDelay(): number | undefined {
    const next = Math.min(this.elapsedMs + this.intervalMs, this.timeoutMs - BEFORE_DEADLINE_MS);
    return next > this.elapsedMs ? next - this.elapsedMs : undefined;
  }

  private bookmark(revision: bigint): BookmarkEvent {
    return {
      type: "BOOKMARK",
      object: { kind: this.type.kind, apiVersion: groupVersion(this.type), metadata: { resourceVersion: revision.toString() } },
    };
  }
}

const tick = Symbol("bookmark");

/**
 * Whether the client asked for bookmarks. Kubernetes reads a boolean query parameter as true unless it is
 * `0` or `false` (any case), so `allowWatchBookmarks=` and `=yes` count as asking.
 */
export function wantsBookmarks(query: URLSearchParams): boolean {
  const value = query.get("allowWatchBookmarks");
  return value !== null && value !== "0" && value.toLowerCase() !== "false";
}

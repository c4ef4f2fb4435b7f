import type pg from "pg";
import { ExpiredError, StoreError } from "../../cluster/store/errors";
import { isExpired } from "../../cluster/store/history-window";
import type { WatchEvent, WatchEventType, WatchQuery } from "../../cluster/store/object-store";
import { deepFreeze } from "../../cluster/store/revisions";
import type { WatchSink } from "../../cluster/store/watch-stream";
import { CLUSTER_REVISION, FEED_CHANGES } from "./read-statements";
import { CHANGES_CHANNEL } from "./write-statements";

/** How the LISTEN connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "kubeclass-change-feed";

export type ChangeFeedOptions = {
  pool: pg.Pool;
  /** The fallback read of every followed cluster, for lost notifications and LISTEN reconnects. */
  pollIntervalMs: number;
  /** Changes read per cluster per query. */
  batchSize: number;
  onError: (error: unknown) => void;
};

export type ChangeFeedStats = {
  /** Subscribed watches, and the clusters they follow. */
  watchers: number;
  clusters: number;
  /** Change-log queries the feed has run (one per wake-up, however many watchers). */
  fetches: number;
  notifications: number;
  listening: boolean;
  /** LISTEN connections opened so far (more than one means it reconnected). */
  listenConnections: number;
};

type Subscription = { namespace: string | undefined; name: string | undefined; sink: WatchSink };

/** One followed cluster. Every change of it after `cursor` will be fetched and fanned out. */
type ClusterFeed = {
  cluster: string;
  cursor: number;
  ready: Promise<void>;
  isReady: boolean;
  dirty: boolean;
  /** Subscribers, counting those still waiting for `ready`; the feed is dropped when none remain. */
  refs: number;
  /** By `${group}\0${resource}`. */
  subscriptions: Map<string, Set<Subscription>>;
};

type FeedRow = {
  cluster: string;
  compacted: string | null;
  revision: string | null;
  group: string;
  resource: string;
  namespace: string;
  name: string;
  type: WatchEventType;
  /** Null for a resource nobody watched when the query ran. */
  object: WatchEvent["object"] | null;
};

/**
 * The per-process change feed: one LISTEN connection for the whole process, one change-log query per wake-up
 * for every followed cluster at once, and the rows fanned out in memory to each matching watcher (events are
 * frozen and shared). A NOTIFY names the cluster and revision, so only clusters with news are read; a poll
 * every `pollIntervalMs` reads all of them, covering notifications lost while LISTEN reconnects.
 *
 * Each cluster's cursor only moves past changes the feed has seen. Because one cluster's writes commit in
 * revision order (write-statements.ts), every change of that cluster at or below the cursor is committed and
 * visible, and every later one will be fetched: a watch that subscribes and then reads the log misses nothing.
 */
export class ChangeFeed {
  private readonly clusters = new Map<string, ClusterFeed>();
  private listenClient: pg.PoolClient | undefined;
  private listenAttempt: Promise<void> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectDelayMs = 100;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private fetching: Promise<void> | undefined;
  private fetchRunning = false;
  private closed = false;
  private watchers = 0;
  private fetches = 0;
  private notifications = 0;
  private listenConnections = 0;

  constructor(private readonly options: ChangeFeedOptions) {}

  /** Starts pushing the query's changes to `sink`; resolves (to the unsubscribe) once the cursor is known. */
  async subscribe(query: WatchQuery, sink: WatchSink): Promise<() => void> {
    if (this.closed) throw new StoreError("the object store is closed");
    const feed = this.clusters.get(query.cluster) ?? this.follow(query.cluster);
    feed.refs++;
    const subscription: Subscription = { namespace: query.namespace, name: query.name, sink };
    const resource = `${query.group}\u0000${query.resource}`;
    let added = false;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (added) {
        const set = feed.subscriptions.get(resource);
        set?.delete(subscription);
        if (set?.size === 0) feed.subscriptions.delete(resource);
        this.watchers--;
      }
      if (--feed.refs === 0 && this.clusters.get(feed.cluster) === feed) {
        this.clusters.delete(feed.cluster);
        this.updatePolling();
      }
    };
    try {
      await feed.ready;
    } catch (error) {
      release();
      throw error;
    }
    if (this.closed) {
      release();
      throw new StoreError("the object store is closed");
    }
    let set = feed.subscriptions.get(resource);
    if (!set) feed.subscriptions.set(resource, (set = new Set()));
    set.add(subscription);
    added = true;
    this.watchers++;
    return release;
  }

  stats(): ChangeFeedStats {
    return {
      watchers: this.watchers,
      clusters: this.clusters.size,
      fetches: this.fetches,
      notifications: this.notifications,
      listening: this.listenClient !== undefined,
      listenConnections: this.listenConnections,
    };
  }

  /** Ends every watch quietly and gives the LISTEN connection back (destroyed, not pooled). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const feeds = [...this.clusters.values()];
    this.clusters.clear();
    for (const feed of feeds) for (const set of feed.subscriptions.values()) for (const s of set) s.sink.end();
    const client = this.listenClient;
    this.listenClient = undefined;
    client?.release(true);
    await Promise.allSettled([this.listenAttempt, this.fetching]);
  }

  private follow(cluster: string): ClusterFeed {
    const feed: ClusterFeed = {
      cluster,
      cursor: 0,
      isReady: false,
      dirty: false,
      refs: 0,
      subscriptions: new Map(),
      ready: Promise.resolve(),
    };
    // LISTEN first, then read the cursor: a change committed in between is then both notified and fetched.
    feed.ready = this.listen().then(async () => {
      const { rows } = await this.options.pool.query<{ revision: string }>({ ...CLUSTER_REVISION, values: [cluster] });
      feed.cursor = Number(rows[0]?.revision ?? 0);
      feed.isReady = true;
    });
    feed.ready.catch(() => {
      if (this.clusters.get(cluster) === feed) this.clusters.delete(cluster);
    });
    this.clusters.set(cluster, feed);
    this.updatePolling();
    return feed;
  }

  /** Resolves once the first LISTEN attempt is over, whatever its outcome (polling covers a failure). */
  private listen(): Promise<void> {
    this.listenAttempt ??= this.connectListener();
    return this.listenAttempt;
  }

  private async connectListener(): Promise<void> {
    let client: pg.PoolClient | undefined;
    const lost = (error: unknown) => {
      if (!client || this.listenClient !== client) return;
      this.listenClient = undefined;
      client.release(error instanceof Error ? error : true);
      this.options.onError(error);
      this.scheduleReconnect();
    };
    try {
      client = await this.options.pool.connect();
      client.on("error", lost);
      client.on("end", () => lost(new Error("the change feed's LISTEN connection ended")));
      await client.query(`SET application_name TO '${LISTENER_APPLICATION_NAME}'`);
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      client?.release(true);
      if (!this.closed) {
        this.options.onError(error);
        this.scheduleReconnect();
      }
      return;
    }
    if (this.closed) {
      client.release(true);
      return;
    }
    client.on("notification", this.onNotification);
    this.listenClient = client;
    this.listenConnections++;
    this.reconnectDelayMs = 100;
    // Whatever was notified while nobody listened is still in the log.
    this.markAll();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.listenAttempt = this.connectListener();
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 5000);
  }

  private readonly onNotification = (message: pg.Notification) => {
    if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
    this.notifications++;
    const colon = message.payload.indexOf(":");
    const feed = this.clusters.get(message.payload.slice(colon + 1));
    if (!feed?.isReady || Number(message.payload.slice(0, colon)) <= feed.cursor) return;
    feed.dirty = true;
    this.kick();
  };

  private updatePolling(): void {
    if (this.clusters.size > 0 && !this.pollTimer && !this.closed) {
      this.pollTimer = setInterval(() => this.markAll(), this.options.pollIntervalMs);
      this.pollTimer.unref();
    } else if (this.clusters.size === 0 && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private markAll(): void {
    for (const feed of this.clusters.values()) feed.dirty = true;
    this.kick();
  }

  private kick(): void {
    if (this.fetchRunning || this.closed) return;
    this.fetchRunning = true;
    this.fetching = this.fetchLoop();
  }

  /** Reads every dirty cluster in one query, and again while news keeps arriving; never two at once. */
  private async fetchLoop(): Promise<void> {
    try {
      for (;;) {
        const targets = [...this.clusters.values()].filter((feed) => feed.isReady && feed.dirty);
        if (this.closed || targets.length === 0) return;
        for (const feed of targets) feed.dirty = false;
        this.fetches++;
        let rows: FeedRow[];
        try {
          const watched = [...new Set(targets.flatMap((f) => [...f.subscriptions.keys()].map((k) => k.replace("\u0000", "/"))))];
          const values = [targets.map((f) => f.cluster), targets.map((f) => String(f.cursor)), this.options.batchSize, watched];
          ({ rows } = await this.options.pool.query<FeedRow>({ ...FEED_CHANGES, values }));
        } catch (error) {
          // Left for the next poll, rather than retried in a tight loop while Postgres is away.
          if (!this.closed) this.options.onError(error);
          return;
        }
        this.deliver(targets, rows);
      }
    } finally {
      this.fetchRunning = false;
    }
  }

  private deliver(targets: ClusterFeed[], rows: FeedRow[]): void {
    const byCluster = new Map<string, FeedRow[]>();
    for (const row of rows) {
      const list = byCluster.get(row.cluster);
      if (list) list.push(row);
      else byCluster.set(row.cluster, [row]);
    }
    for (const feed of targets) {
      if (this.closed) return;
      const clusterRows = byCluster.get(feed.cluster) ?? [];
      const compacted = clusterRows[0]?.compacted;
      if (compacted !== null && compacted !== undefined && isExpired(feed.cursor, Number(compacted))) {
        // The feed itself fell behind compaction (e.g. Postgres was away for longer than the window): its
        // watchers may have missed changes, so they must relist. Everything up to the mark is committed.
        const error = new ExpiredError(`the change feed of cluster "${feed.cluster}" fell behind compaction`);
        feed.cursor = Number(compacted);
        feed.dirty = true;
        for (const set of feed.subscriptions.values()) for (const s of set) s.sink.fail(error);
        continue;
      }
      let changes = 0;
      for (const row of clusterRows) {
        if (row.revision === null) continue;
        changes++;
        const revision = Number(row.revision);
        if (revision <= feed.cursor) continue;
        const subscriptions = feed.subscriptions.get(`${row.group}\u0000${row.resource}`);
        if (row.object === null && subscriptions?.size) {
          // Nobody watched this resource when the query ran, but a watch has begun since: it may need this change
          // (its replay may have read the log before it committed). Stop here and read on from this change, with
          // its object, on the next pass.
          feed.dirty = true;
          break;
        }
        feed.cursor = revision;
        if (!subscriptions?.size || row.object === null) continue;
        const event: WatchEvent = deepFreeze({ type: row.type, object: row.object, revision: row.revision });
        for (const s of subscriptions) {
          if ((s.namespace === undefined || s.namespace === row.namespace) && (s.name === undefined || s.name === row.name)) {
            s.sink.push(event, revision);
          }
        }
      }
      if (changes >= this.options.batchSize) feed.dirty = true;
    }
  }
}

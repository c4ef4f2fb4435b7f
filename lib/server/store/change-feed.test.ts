import { EventEmitter } from "node:events";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import type { WatchEvent } from "../../cluster/store/object-store";
import type { WatchSink } from "../../cluster/store/watch-stream";
import { ChangeFeed } from "./change-feed";
import { CLUSTER_REVISION, FEED_CHANGES } from "./read-statements";
import { CHANGES_CHANNEL } from "./write-statements";

type FeedCall = { clusters: string[]; cursors: string[]; watched: string[] };
type Row = { revision: string; resource: string; name: string; object: object | null };

/**
 * A pool that answers the feed's queries from a script: the LISTEN connection is an event emitter (emit
 * "notification" to wake the feed); each FEED_CHANGES query runs `onFeed`, which returns its rows.
 */
function scriptedPool(onFeed: (call: FeedCall) => Promise<Row[]> | Row[]) {
  const listener = Object.assign(new EventEmitter(), { query: () => Promise.resolve({ rows: [] }), release: () => {} });
  const calls: FeedCall[] = [];
  const pool = {
    connect: () => Promise.resolve(listener),
    query: async (config: { name?: string; values?: unknown[] }) => {
      if (config.name === CLUSTER_REVISION.name) return { rows: [{ revision: "10" }] };
      if (config.name !== FEED_CHANGES.name) throw new Error(`unexpected query ${config.name}`);
      const [clusters, cursors, , watched] = config.values as [string[], string[], number, string[]];
      const call = { clusters, cursors, watched: [...watched].sort() };
      calls.push(call);
      const rows = await onFeed(call);
      return { rows: rows.map((r) => ({ cluster: "c", compacted: null, group: "", namespace: "ns", type: "ADDED", ...r })) };
    },
  };
  const notify = (revision: number) => listener.emit("notification", { channel: CHANGES_CHANNEL, payload: `${revision}:c` });
  return { pool: pool as unknown as pg.Pool, calls, notify };
}

function recordingSink() {
  const events: WatchEvent[] = [];
  const sink: WatchSink = { push: (event) => events.push(event), fail: () => {}, end: () => {} };
  return { sink, names: () => events.map((e) => e.object.metadata.name) };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(condition()).toBe(true);
};

const object = (name: string) => ({ metadata: { name } });

describe("ChangeFeed", () => {
  it("asks only for the objects of watched resources, and still moves past the others", async () => {
    let answer: Row[] = [
      { revision: "11", resource: "configmaps", name: "unwatched", object: null },
      { revision: "12", resource: "pods", name: "p", object: object("p") },
    ];
    const db = scriptedPool(() => answer.splice(0));
    const feed = new ChangeFeed({ pool: db.pool, pollIntervalMs: 60_000, batchSize: 100, onError: (e) => { throw e; } });
    const pods = recordingSink();
    await feed.subscribe({ cluster: "c", group: "", resource: "pods" }, pods.sink);
    db.notify(12);
    await until(() => pods.names().length === 1);
    expect(db.calls[0]).toEqual({ clusters: ["c"], cursors: ["10"], watched: ["/pods"] });
    answer = [];
    db.notify(13);
    await until(() => db.calls.length === 2);
    expect(db.calls[1]?.cursors).toEqual(["12"]);
    await feed.close();
  });

  it("reads a change again, with its object, when a watch of its resource began while the query ran", async () => {
    const configmaps = recordingSink();
    const pods = recordingSink();
    const late: { feed?: ChangeFeed } = {};
    const db = scriptedPool(async (call) => {
      if (db.calls.length === 1) {
        // A configmaps watch begins after this query was built: its change comes without an object.
        await late.feed!.subscribe({ cluster: "c", group: "", resource: "configmaps" }, configmaps.sink);
        return [
          { revision: "11", resource: "pods", name: "p1", object: object("p1") },
          { revision: "12", resource: "configmaps", name: "cm", object: null },
          { revision: "13", resource: "pods", name: "p2", object: object("p2") },
        ];
      }
      expect(call.watched).toEqual(["/configmaps", "/pods"]);
      return [
        { revision: "12", resource: "configmaps", name: "cm", object: object("cm") },
        { revision: "13", resource: "pods", name: "p2", object: object("p2") },
      ];
    });
    const feed = (late.feed = new ChangeFeed({ pool: db.pool, pollIntervalMs: 60_000, batchSize: 100, onError: (e) => { throw e; } }));
    await feed.subscribe({ cluster: "c", group: "", resource: "pods" }, pods.sink);
    db.notify(13);
    await until(() => pods.names().length === 2);
    expect(configmaps.names()).toEqual(["cm"]);
    expect(pods.names()).toEqual(["p1", "p2"]);
    expect(db.calls.map((c) => c.cursors[0])).toEqual(["10", "11"]);
    await feed.close();
  });
});

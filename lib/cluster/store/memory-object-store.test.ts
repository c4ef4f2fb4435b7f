import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { SlowWatcherError } from "./errors";
import { MemoryObjectStore } from "./memory-object-store";
import { describeObjectStoreContract, Reader } from "./object-store.contract";
import type { KubeObject, ObjectKey } from "./object-store";

const window = { maxAgeMs: 60_000, minRevisions: 1 };

describeObjectStoreContract("memory", () => {
  const clock = new ManualClock();
  const store = new MemoryObjectStore({ clock, historyWindow: window });
  return Promise.resolve({
    store,
    compactAll: async () => {
      clock.advance(window.maxAgeMs + 1);
      await store.compact();
    },
  });
});

const key = (name: string, cluster = "c"): ObjectKey => ({ cluster, group: "", resource: "configmaps", namespace: "ns", name });
const object = (name: string): KubeObject => ({ metadata: { name, namespace: "ns" } });

describe("MemoryObjectStore history window", () => {
  it("keeps changes younger than the window, and each cluster's newest minRevisions however old", async () => {
    const clock = new ManualClock();
    const store = new MemoryObjectStore({ clock, historyWindow: { maxAgeMs: 1000, minRevisions: 2 } });
    for (const name of ["a", "b", "c"]) await store.create(key(name), object(name));
    await store.create(key("x", "other"), object("x"));
    clock.advance(1001);
    await store.create(key("d"), object("d"));

    expect(await store.compact()).toEqual({ deleted: 2 }); // a and b: old and beyond the newest two (c, d)
    const revisions = async (from: string, cluster = "c") => {
      const reader = new Reader(store.watch({ cluster, group: "", resource: "configmaps" }, from, new AbortController().signal));
      return (await reader.take(1)).map((e) => e.revision);
    };
    await expect(revisions("1")).rejects.toThrow(/older than the history/);
    expect(await revisions("2")).toEqual(["3"]); // just below the oldest kept: nothing lost
    expect(await revisions("0", "other")).toEqual(["4"]); // the only change of its cluster stays
  });

  it("never holds more than maxChanges changes beyond the per-cluster floor", async () => {
    const store = new MemoryObjectStore({ historyWindow: { maxAgeMs: 60_000, minRevisions: 3 }, maxChanges: 10 });
    for (let i = 0; i < 25; i++) await store.create(key(`n${i}`), object(`n${i}`));
    const reader = new Reader(store.watch({ cluster: "c", group: "", resource: "configmaps" }, "22", new AbortController().signal));
    expect((await reader.take(3)).map((e) => e.revision)).toEqual(["23", "24", "25"]);
    await expect(new Reader(store.watch({ cluster: "c", group: "", resource: "configmaps" }, "5", new AbortController().signal)).take(1)).rejects.toThrow(
      /older than the history/,
    );
  });
});

describe("MemoryObjectStore watch buffers", () => {
  it("ends a watcher that falls further behind than its buffer", async () => {
    const store = new MemoryObjectStore({ watchBufferSize: 5 });
    const reader = new Reader(store.watch({ cluster: "c", group: "", resource: "configmaps" }, "0", new AbortController().signal));
    await store.create(key("first"), object("first"));
    expect(await reader.take(1)).toHaveLength(1);
    for (let i = 0; i < 6; i++) await store.create(key(`n${i}`), object(`n${i}`));
    await expect(reader.take(1)).rejects.toBeInstanceOf(SlowWatcherError);
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });

  it("replays a history longer than its buffer, reading the log as the consumer goes", async () => {
    const store = new MemoryObjectStore({ watchBufferSize: 5 });
    for (let i = 0; i < 50; i++) await store.create(key(`n${i}`), object(`n${i}`));
    const reader = new Reader(store.watch({ cluster: "c", group: "", resource: "configmaps" }, "0", new AbortController().signal));
    const events = await reader.take(50);
    expect(events.map((e) => Number(e.revision))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

import { describe, expect, it } from "vitest";
import { ExpiredError } from "./errors";
import type { WatchEvent } from "./object-store";
import { WatchStream, type WatchSink, type WatchSource } from "./watch-stream";

const event = (revision: number): WatchEvent => ({
  type: "ADDED",
  object: { metadata: { name: `n${revision}` } },
  revision: String(revision),
});

/** A source whose log and live feed the test drives by hand. */
class FakeSource implements WatchSource {
  log: WatchEvent[] = [];
  sinks = new Set<WatchSink>();
  replays: number[] = [];
  onReplay?: () => void;
  expiredBelow = 0;

  subscribe(sink: WatchSink): Promise<() => void> {
    this.sinks.add(sink);
    return Promise.resolve(() => this.sinks.delete(sink));
  }

  replay(after: number, limit: number): Promise<WatchEvent[]> {
    this.replays.push(after);
    if (after < this.expiredBelow) return Promise.reject(new ExpiredError("gone"));
    const page = this.log.filter((e) => Number(e.revision) > after).slice(0, limit);
    this.onReplay?.();
    return Promise.resolve(page);
  }

  commit(revision: number): void {
    this.log.push(event(revision));
    for (const sink of this.sinks) sink.push(event(revision), revision);
  }
}

const revisions = async (stream: WatchStream, count: number) => {
  const seen: number[] = [];
  while (seen.length < count) {
    const result = await stream.next();
    if (result.done) break;
    seen.push(Number(result.value.revision));
  }
  return seen;
};

describe("WatchStream", () => {
  it("hands over from replay to live without a gap or a repeat", async () => {
    const source = new FakeSource();
    for (let r = 1; r <= 5; r++) source.commit(r);
    // Changes 6 and 7 commit while the first replay page is read: both in the log and pushed live.
    source.onReplay = () => {
      source.onReplay = undefined;
      source.commit(6);
      source.commit(7);
    };
    const stream = new WatchStream(source, 2, new AbortController().signal, { bufferSize: 100, pageSize: 2 });
    expect(await revisions(stream, 5)).toEqual([3, 4, 5, 6, 7]);
    source.commit(8);
    expect(await revisions(stream, 1)).toEqual([8]);
  });

  it("re-reads the log when live events pile up during replay, instead of holding them", async () => {
    const source = new FakeSource();
    source.commit(1);
    source.onReplay = () => {
      source.onReplay = undefined;
      for (let r = 2; r <= 20; r++) source.commit(r);
    };
    const stream = new WatchStream(source, 0, new AbortController().signal, { bufferSize: 4, pageSize: 50 });
    expect(await revisions(stream, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(source.replays.length).toBeGreaterThan(1);
  });

  it("reports an expired start revision on the first read, then ends", async () => {
    const source = new FakeSource();
    source.expiredBelow = 10;
    const stream = new WatchStream(source, 3, new AbortController().signal, { bufferSize: 10, pageSize: 10 });
    await expect(stream.next()).rejects.toBeInstanceOf(ExpiredError);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(source.sinks.size).toBe(0);
  });

  it("unsubscribes when aborted, when returned from, and when failed", async () => {
    const source = new FakeSource();
    const controller = new AbortController();
    const stream = new WatchStream(source, 0, controller.signal, { bufferSize: 10, pageSize: 10 });
    const pending = stream.next();
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(source.sinks.size).toBe(1);
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(source.sinks.size).toBe(0);

    const returned = new WatchStream(source, 0, new AbortController().signal, { bufferSize: 10, pageSize: 10 });
    source.commit(1);
    expect(await revisions(returned, 1)).toEqual([1]);
    await returned.return();
    expect(source.sinks.size).toBe(0);

    const failed = new WatchStream(source, 0, new AbortController().signal, { bufferSize: 10, pageSize: 10 });
    expect(await revisions(failed, 1)).toEqual([1]);
    for (const sink of source.sinks) sink.fail(new ExpiredError("feed fell behind"));
    await expect(failed.next()).rejects.toBeInstanceOf(ExpiredError);
    expect(source.sinks.size).toBe(0);
  });
});

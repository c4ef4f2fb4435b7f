import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { eventTtlController } from "./event-ttl-controller";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const events = "/api/v1/namespaces/default/events";
const event = (name: string, times: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name },
  involvedObject: { kind: "Pod", name: "p", namespace: "default" },
  reason: "Test",
  message: name,
  type: "Normal",
  ...times,
});
const names = async (c: TestCluster) => (await c.client.list(events)).items.map((e) => e.metadata.name).sort();

describe("event TTL controller", () => {
  it("deletes Events one hour after they were last seen, and no sooner", async () => {
    cluster = await startTestCluster([eventTtlController]);
    const c = cluster;
    // The test clock starts at 10:00.
    await c.client.create(events, event("stale", { firstTimestamp: "2026-03-01T08:00:00Z", lastTimestamp: "2026-03-01T08:30:00Z" }));
    await c.client.create(events, event("repeated", { firstTimestamp: "2026-03-01T08:00:00Z", lastTimestamp: "2026-03-01T09:30:00Z" }));
    await c.client.create(events, event("new-style", { eventTime: "2026-03-01T09:45:00.000000Z" }));
    await c.client.create(events, event("fresh", { lastTimestamp: "2026-03-01T10:00:00Z" }));
    await c.settle();
    expect(await names(c)).toEqual(["fresh", "new-style", "repeated"]);

    await c.settle({ advanceTimersUpTo: 30 * 60 * 1000 });
    expect(await names(c)).toEqual(["fresh", "new-style"]);
    await c.settle({ advanceTimersUpTo: 15 * 60 * 1000 });
    expect(await names(c)).toEqual(["fresh"]);

    // A repeat moves lastTimestamp on, and with it the expiry.
    const fresh = await c.client.get(`${events}/fresh`);
    await c.client.update(`${events}/fresh`, { ...fresh, count: 2, lastTimestamp: "2026-03-01T10:50:00Z" });
    await c.settle({ advanceTimersUpTo: 20 * 60 * 1000 });
    expect(await names(c)).toEqual(["fresh"]);
    await c.settle({ advanceTimersUpTo: 60 * 60 * 1000 });
    expect(await names(c)).toEqual([]);
    expect(c.errors).toEqual([]);
  });

  it("deletes Events recorded now, with no stale Event to wake it, once their hour is up", async () => {
    cluster = await startTestCluster([eventTtlController]);
    const c = cluster;
    // The clock stays at 10:00 until a settle moves it to a due timer.
    await c.client.create(events, event("first", { lastTimestamp: "2026-03-01T10:00:00Z" }));
    await c.settle();
    await c.client.create(events, event("second", { lastTimestamp: "2026-03-01T10:30:00Z" }));
    await c.settle({ advanceTimersUpTo: 59 * 60 * 1000 });
    expect(await names(c)).toEqual(["first", "second"]);
    await c.settle({ advanceTimersUpTo: 60 * 60 * 1000 });
    expect(await names(c)).toEqual(["second"]);
    await c.settle({ advanceTimersUpTo: 30 * 60 * 1000 });
    expect(await names(c)).toEqual([]);
    expect(c.errors).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { classifyHeartbeats, type Heartbeat } from "./heartbeat";

const beat = (id: string, beatAt: number): Heartbeat => ({
  id,
  pid: 42,
  hostname: "box",
  startedAt: 0,
  beatAt,
  queues: ["ping"],
});

describe("classifyHeartbeats", () => {
  it("calls a worker alive while its last beat is within the stale window, dead after", () => {
    const now = 100_000;
    const records = {
      fresh: JSON.stringify(beat("fresh", now - 1_000)),
      edge: JSON.stringify(beat("edge", now - 10_000)),
      old: JSON.stringify(beat("old", now - 10_001)),
    };
    const result = classifyHeartbeats(records, now, 10_000);
    expect(result.alive.map((b) => b.id).sort()).toEqual(["edge", "fresh"]);
    expect(result.stale.map((b) => b.id)).toEqual(["old"]);
    expect(result.unreadable).toEqual([]);
  });

  it("sets aside records it cannot read instead of throwing", () => {
    const result = classifyHeartbeats({ junk: "{not json", wrong: JSON.stringify({ id: 1 }) }, 0, 1000);
    expect(result.unreadable.sort()).toEqual(["junk", "wrong"]);
    expect(result.alive).toEqual([]);
  });
});

import pg from "pg";
import { describe, expect, it } from "vitest";
import { ReadBatcher } from "./read-batcher";

/** A fake statement: records each batch's keys and answers when told to. */
function fakeDatabase() {
  const sent: { keys: string[]; answer: (error?: Error) => void }[] = [];
  const send = (keys: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      sent.push({ keys, answer: (error) => (error ? reject(error) : resolve(keys.map((k) => `value of ${k}`))) });
    });
  return { sent, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("ReadBatcher", () => {
  it("sends lone reads at once, up to maxInFlight, and the reads that arrive meanwhile as one batch", async () => {
    const db = fakeDatabase();
    const batcher = new ReadBatcher({ send: db.send, maxBatch: 3, maxInFlight: 2 });
    const results = ["a", "b", "c", "d", "e", "f"].map((k) => batcher.read(k));
    expect(db.sent.map((b) => b.keys)).toEqual([["a"], ["b"]]);
    db.sent[1]!.answer();
    await flush();
    expect(db.sent.map((b) => b.keys)).toEqual([["a"], ["b"], ["c", "d", "e"]]);
    db.sent[0]!.answer();
    await flush();
    expect(db.sent.map((b) => b.keys)).toEqual([["a"], ["b"], ["c", "d", "e"], ["f"]]);
    for (const batch of db.sent.slice(2)) batch.answer();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e", "f"].map((k) => `value of ${k}`));
  });

  it("retries each read of a batch Postgres refused on its own, so only the culprit fails", async () => {
    const refused = Object.assign(new pg.DatabaseError("invalid byte sequence", 0, "error"), { code: "22021" });
    const calls: string[][] = [];
    const batcher = new ReadBatcher({
      send: (keys: string[]) => {
        calls.push(keys);
        return keys.includes("bad") ? Promise.reject(refused) : Promise.resolve(keys.map((k) => k.toUpperCase()));
      },
      maxBatch: 10,
      maxInFlight: 1,
    });
    const first = batcher.read("first");
    const rest = ["x", "bad", "y"].map((k) => batcher.read(k));
    expect(await first).toBe("FIRST");
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual(["X", "invalid byte sequence", "Y"]);
    expect(calls).toEqual([["first"], ["x", "bad", "y"], ["x"], ["bad"], ["y"]]);
  });

  it("fails every read of a batch whose outcome is unknown (a lost connection), without retrying", async () => {
    let calls = 0;
    const batcher = new ReadBatcher({
      send: () => {
        calls++;
        return Promise.reject(new Error("Connection terminated unexpectedly"));
      },
      maxBatch: 10,
      maxInFlight: 1,
    });
    const reads = ["a", "b", "c"].map((k) => batcher.read(k));
    const settled = await Promise.allSettled(reads);
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
    expect(calls).toBe(2);
  });
});

import pg from "pg";
import { describe, expect, it } from "vitest";
import { WriteBatcher, type StoreWrite, type StoreWriteResult } from "./write-batcher";

const write = (name: string, op: StoreWrite["op"] = "create"): StoreWrite => ({
  op,
  key: { cluster: "c", group: "", resource: "configmaps", namespace: "ns", name },
  uid: "",
  body: op === "delete" ? null : `{"name":"${name}"}`,
  expected: null,
});

/** A fake statement: records each batch's names and answers when told to. */
function fakeDatabase() {
  const sent: { names: string[]; answer: (results?: StoreWriteResult[] | Error) => void }[] = [];
  let revision = 0;
  const send = (_cluster: string, writes: StoreWrite[]) =>
    new Promise<StoreWriteResult[]>((resolve, reject) => {
      sent.push({
        names: writes.map((w) => w.key.name),
        answer: (results) => {
          if (results instanceof Error) reject(results);
          else resolve(results ?? writes.map(() => ({ revision: String(++revision), body: null, current: null })));
        },
      });
    });
  return { sent, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("WriteBatcher", () => {
  it("sends a lone write at once and the writes that arrive meanwhile as one batch", async () => {
    const db = fakeDatabase();
    const batcher = new WriteBatcher({ send: db.send, maxBatch: 3, maxBatchBytes: 1 << 20, maxInFlight: 1 });
    const results = ["a", "b", "c", "d", "e"].map((n) => batcher.write("c", write(n)));
    expect(db.sent.map((b) => b.names)).toEqual([["a"]]);
    db.sent[0]!.answer();
    await flush();
    expect(db.sent.map((b) => b.names)).toEqual([["a"], ["b", "c", "d"]]);
    db.sent[1]!.answer();
    await flush();
    db.sent[2]!.answer();
    expect((await Promise.all(results)).map((r) => r.revision)).toEqual(["1", "2", "3", "4", "5"]);
    expect(db.sent.map((b) => b.names)).toEqual([["a"], ["b", "c", "d"], ["e"]]);
  });

  it("keeps up to maxInFlight batches going, and a size limit per batch", async () => {
    const db = fakeDatabase();
    const batcher = new WriteBatcher({ send: db.send, maxBatch: 10, maxBatchBytes: 25, maxInFlight: 2 });
    const pending = ["a", "b", "c", "d", "e"].map((n) => batcher.write("c", write(n)));
    expect(db.sent.map((b) => b.names)).toEqual([["a"], ["b"]]);
    for (const b of db.sent) b.answer();
    await flush();
    // Each body is 12 bytes: two fit in 25; both batches go at once.
    expect(db.sent.map((b) => b.names)).toEqual([["a"], ["b"], ["c", "d"], ["e"]]);
    for (const b of db.sent.slice(2)) b.answer();
    await Promise.all(pending);
  });

  it("never has two writes to one key in flight, and keeps their order", async () => {
    const db = fakeDatabase();
    const batcher = new WriteBatcher({ send: db.send, maxBatch: 10, maxBatchBytes: 1 << 20, maxInFlight: 2 });
    const pending = [batcher.write("c", write("x")), batcher.write("c", write("x", "update")), batcher.write("c", write("y")), batcher.write("c", write("x", "delete"))];
    expect(db.sent.map((b) => b.names)).toEqual([["x"], ["y"]]);
    db.sent[1]!.answer();
    await flush();
    expect(db.sent).toHaveLength(2);
    db.sent[0]!.answer();
    await flush();
    expect(db.sent.map((b) => b.names)).toEqual([["x"], ["y"], ["x"]]);
    db.sent[2]!.answer();
    await flush();
    db.sent[3]!.answer();
    await Promise.all(pending);
    expect(db.sent.map((b) => b.names)).toEqual([["x"], ["y"], ["x"], ["x"]]);
  });

  it("retries a batch write by write when Postgres refused the statement, so only the culprit fails", async () => {
    const db = fakeDatabase();
    const batcher = new WriteBatcher({ send: db.send, maxBatch: 10, maxBatchBytes: 1 << 20, maxInFlight: 1 });
    const first = batcher.write("c", write("first"));
    const outcomes = ["a", "bad", "b"].map((n) => batcher.write("c", write(n)).then((r) => r.revision, (e: Error) => e.message));
    db.sent[0]!.answer();
    await flush();
    db.sent[1]!.answer(new pg.DatabaseError("unsupported Unicode escape sequence", 0, "error"));
    for (let i = 2; i < 5; i++) {
      await flush();
      const batch = db.sent[i]!;
      batch.answer(batch.names[0] === "bad" ? new pg.DatabaseError("unsupported Unicode escape sequence", 0, "error") : undefined);
    }
    await first;
    expect(await Promise.all(outcomes)).toEqual(["2", "unsupported Unicode escape sequence", "3"]);
    expect(db.sent.map((b) => b.names)).toEqual([["first"], ["a", "bad", "b"], ["a"], ["bad"], ["b"]]);
  });

  it("fails every write of a batch whose outcome is unknown (the connection broke)", async () => {
    const db = fakeDatabase();
    const batcher = new WriteBatcher({ send: db.send, maxBatch: 10, maxBatchBytes: 1 << 20, maxInFlight: 1 });
    const first = batcher.write("c", write("first"));
    const outcomes = ["a", "b"].map((n) => batcher.write("c", write(n)).then((r) => r.revision, (e: Error) => e.message));
    db.sent[0]!.answer();
    await first;
    await flush();
    db.sent[1]!.answer(new Error("Connection terminated unexpectedly"));
    expect(await Promise.all(outcomes)).toEqual(["Connection terminated unexpectedly", "Connection terminated unexpectedly"]);
    expect(db.sent).toHaveLength(2);
  });
});

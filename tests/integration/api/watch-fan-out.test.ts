import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { rawClient, type RawClient, type RawResponse } from "../../support/raw-https";

// Watch fan-out shares work between watchers: one object and one serialisation per change and event type
// (watch-objects.ts, watch-events.ts, http-adapter.ts), and events waiting together go out as one write. These
// check over HTTPS that sharing never mixes up what watchers with different selectors and forms must see.

const ns = "fan-out";
const configmaps = `/api/v1/namespaces/${ns}/configmaps`;
const tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
let server: TestApiServer;
let admin: TestUser;
let client: RawClient;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@fan-out.test", "ADMIN");
  client = rawClient(server, { maxSockets: 32 });
  expect((await send("POST", "/api/v1/namespaces", { body: { metadata: { name: ns } } })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

async function send(method: string, path: string, options: { body?: unknown; accept?: string; timeoutMs?: number } = {}): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(options.accept ? { accept: options.accept } : {}) };
  const result = await client.send({ method, path, token: admin.token, headers, ...(body !== undefined ? { body } : {}), timeoutMs: options.timeoutMs ?? 20_000 });
  if (result.kind === "failure") throw new Error(`${method} ${path}: ${result.error}`);
  return result;
}

type Event = { type: string; object: { kind: string; metadata: { name?: string; resourceVersion?: string }; rows?: { object: { metadata: { name: string } } }[]; columnDefinitions?: unknown[] } };
const events = (response: RawResponse) =>
  response.text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Event);
const summary = (list: Event[]) => list.map((e) => `${e.type} ${e.object.metadata.name ?? e.object.rows?.[0]?.object.metadata.name}`);

const configMap = (name: string, app: string) => ({ metadata: { name, labels: { app } }, data: { v: "1" } });

describe("watch fan-out", () => {
  it("gives watchers with different selectors and forms each their own correct events", async () => {
    await send("POST", configmaps, { body: configMap("before", "web") });
    const from = (JSON.parse((await send("GET", configmaps)).text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const watch = (query: string, accept?: string) =>
      send("GET", `${configmaps}?watch=true&timeoutSeconds=3&${query}`, { timeoutMs: 15_000, ...(accept ? { accept } : {}) });
    const watching = {
      plain: [watch(`resourceVersion=${from}`), watch(`resourceVersion=${from}`), watch(`resourceVersion=${from}`)],
      web: watch(`resourceVersion=${from}&labelSelector=app%3Dweb`),
      db: watch(`resourceVersion=${from}&labelSelector=app%3Ddb`),
      table: watch(`resourceVersion=${from}`, tableAccept),
      fromNow: watch("resourceVersion=0"),
    };
    await new Promise((resolve) => setTimeout(resolve, 300));

    const created = await send("POST", configmaps, { body: configMap("x", "web") });
    await send("POST", configmaps, { body: configMap("y", "db") });
    const x = JSON.parse(created.text) as { metadata: { resourceVersion: string } };
    await send("PUT", `${configmaps}/x`, { body: { ...configMap("x", "web"), metadata: { ...configMap("x", "web").metadata, resourceVersion: x.metadata.resourceVersion }, data: { v: "2" } } });
    await send("DELETE", `${configmaps}/y`);

    const all = ["ADDED x", "ADDED y", "MODIFIED x", "DELETED y"];
    const plain = await Promise.all(watching.plain);
    for (const response of plain) expect(summary(events(response))).toEqual(all);
    // Shared events are serialised once: every plain watcher got the very same bytes.
    expect(new Set(plain.map((r) => r.text)).size).toBe(1);
    expect(events(plain[0]!).every((e) => e.object.kind === "ConfigMap")).toBe(true);

    expect(summary(events(await watching.web))).toEqual(["ADDED x", "MODIFIED x"]);
    expect(summary(events(await watching.db))).toEqual(["ADDED y", "DELETED y"]);

    const table = events(await watching.table);
    expect(summary(table)).toEqual(all);
    expect(table.every((e) => e.object.kind === "Table")).toBe(true);
    // Column definitions come with a table watch's first event only.
    expect(table.map((e) => (e.object.columnDefinitions ?? []).length > 0)).toEqual([true, false, false, false]);

    expect(summary(events(await watching.fromNow))).toEqual(["ADDED before", ...all]);
  });

  it("delivers a burst of concurrent writes to every watcher, complete and in revision order", async () => {
    const from = (JSON.parse((await send("GET", configmaps)).text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const watchers = Array.from({ length: 8 }, () => send("GET", `${configmaps}?watch=true&timeoutSeconds=4&resourceVersion=${from}`, { timeoutMs: 15_000 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const names = Array.from({ length: 40 }, (_, i) => `burst-${i}`);
    await Promise.all(names.map((name) => send("POST", configmaps, { body: configMap(name, "burst") })));

    for (const response of await Promise.all(watchers)) {
      const received = events(response);
      expect(received.map((e) => e.type)).toEqual(names.map(() => "ADDED"));
      expect(new Set(received.map((e) => e.object.metadata.name))).toEqual(new Set(names));
      const revisions = received.map((e) => Number(e.object.metadata.resourceVersion));
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    }
  });
});

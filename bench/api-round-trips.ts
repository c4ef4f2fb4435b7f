/**
 * Store round trips per API write: how many statements the API server sends Postgres for each create and each
 * update of a ConfigMap, by statement, with 16 concurrent clients over HTTPS (as bench/api-bench.ts loads it).
 * A count, not a timing, so it is meaningful on a busy machine too.
 *
 *   npx tsx bench/api-round-trips.ts [--writes 400] [--clients 16]
 */
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({ options: { writes: { type: "string", default: "400" }, clients: { type: "string", default: "16" } } });
const writes = Number(values.writes);
const clients = Number(values.clients);

// Count every statement any pg client of this process sends, by prepared-statement name (or its first words).
const counts = new Map<string, number>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped below and always called with its client as `this`
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { name?: string; text?: string } | undefined;
  const label = typeof config === "string" ? config : (config?.name ?? config?.text ?? "?");
  const key = String(label).replace(/\s+/g, " ").slice(0, 80);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const { startTestApiServer } = await import("../tests/support/api-server");
const { keepAliveAgent, sendOk } = await import("./api-bench/http-client");
const server = await startTestApiServer();
try {
  const admin = await server.user("round-trips@kubeclass.local", "ADMIN");
  const agent = keepAliveAgent(server.caPem, clients);
  const base = new URL(server.url);
  const api = (method: string, path: string, body?: unknown) => sendOk(agent, base, admin.token, method, path, body);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const configMaps = "/api/v1/namespaces/round-trips/configmaps";
  await api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "round-trips" } });
  await api("POST", configMaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "warm-up" } });
  await settle();

  const phase = async (name: string, work: (client: number) => Promise<void>) => {
    counts.clear();
    await Promise.all(Array.from({ length: clients }, (_, c) => work(c)));
    await settle();
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${name}: ${(total / writes).toFixed(2)} statements per request (${writes} requests, ${clients} clients)`);
    for (const [statement, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / writes).toFixed(2)}  ${statement}`);
  };

  await phase("creates (POST ConfigMap)", async (c) => {
    for (let i = c; i < writes; i += clients) await api("POST", configMaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}` }, data: { a: "b" } });
  });
  await phase("updates (PUT with resourceVersion)", async (c) => {
    let resourceVersion: string | undefined;
    for (let i = c; i < writes; i += clients) {
      const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${c}`, ...(resourceVersion ? { resourceVersion } : {}) }, data: { a: String(i) } };
      const reply = await api("PUT", `${configMaps}/cm-${c}`, body);
      resourceVersion = (JSON.parse(reply.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    }
  });
} finally {
  await server.stop();
}

import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { createClusterApi, platformUser, type ClusterApi } from "@/lib/server/apiserver/cluster-api";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { rawClient, type RawClient, type RawResponse } from "../../support/raw-https";

// CustomResourceDefinitions and custom objects against the real HTTPS API server and Postgres store, and a
// second API process over the same database (as the worker's in-process client is) following the CRDs.

const ns = "crd-api";
const crdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const books = `/apis/nigelpoulton.com/v1/namespaces/${ns}/books`;
const log = pino({ level: "silent" });

let server: TestApiServer;
let admin: TestUser;
let client: RawClient;
const others: ClusterApi[] = [];

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@crd-api.test", "ADMIN");
  client = rawClient(server);
  expect((await send("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const api of others) await api.close();
  client?.close();
  await server?.stop();
});

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await client.send({
    method,
    path,
    token: admin.token,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    timeoutMs: 20_000,
  });
  if (response.kind !== "response") throw new Error(`${method} ${path}: ${response.error}`);
  return response;
}

const json = <T = Record<string, unknown>>(response: RawResponse) => JSON.parse(response.text) as T;

/** The Book CRD of The Kubernetes Book's API chapter, with a validated spec. */
const bookCrd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "books.nigelpoulton.com" },
  spec: {
    group: "nigelpoulton.com",
    scope: "Namespaced",
    names: { plural: "books", singular: "book", kind: "Book", shortNames: ["bk"] },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["bookTitle"],
                properties: {
                  bookTitle: { type: "string" },
                  topic: { type: "string", enum: ["kubernetes", "ai", "docker"] },
                  edition: { type: "integer", minimum: 1, default: 1 },
                },
              },
            },
          },
        },
        additionalPrinterColumns: [
          { name: "Title", type: "string", jsonPath: ".spec.bookTitle" },
          { name: "Edition", type: "integer", jsonPath: ".spec.edition" },
        ],
      },
    ],
  },
};

const book = (name: string, spec: Record<string, unknown>) => ({ apiVersion: "nigelpoulton.com/v1", kind: "Book", metadata: { name }, spec });

function secondProcess(): InProcessClient {
  const api = createClusterApi({ pool: server.pool, serverAddress: "127.0.0.1:6443", onError: (e) => log.error(e) });
  others.push(api);
  return new InProcessClient((request) => api.serve(request), platformUser);
}

async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe("custom resources on the real API server", () => {
  it("serves a CRD's type to the very next request, and to another process once its watch delivers the CRD", async () => {
    const other = secondProcess();
    const created = await send("POST", crdPath, bookCrd);
    expect(created.status).toBe(201);
    const conditions = json<{ status: { conditions: { type: string; status: string }[] } }>(created).status.conditions;
    expect(conditions.map((c) => `${c.type}=${c.status}`)).toEqual(["NamesAccepted=True", "Established=True"]);
    expect((await send("GET", books)).status).toBe(200);
    expect((await send("POST", books, book("ai", { bookTitle: "AI Explained", topic: "ai" }))).status).toBe(201);
    await eventually(async () => {
      const got = await other.get(`${books}/ai`);
      expect(got.spec).toEqual({ bookTitle: "AI Explained", topic: "ai", edition: 1 });
    });
    // A process started now lists the CRDs before it answers anything.
    const restarted = secondProcess();
    expect((await restarted.list(books)).items.map((i) => i.metadata.name)).toEqual(["ai"]);
  });

  it("answers mistakes with Kubernetes' statuses: 422 with causes, 400 strict, 415 strategic merge", async () => {
    const invalid = await send("POST", books, book("bad", { topic: "cooking", edition: "second" }));
    expect(invalid.status).toBe(422);
    const status = json<{ reason: string; message: string; details: { causes: { field: string }[] } }>(invalid);
    expect(status.reason).toBe("Invalid");
    expect(status.message).toBe(
      'Book.nigelpoulton.com "bad" is invalid: [spec.topic: Unsupported value: "cooking": supported values: "kubernetes", "ai", "docker", ' +
        'spec.edition: Invalid value: "string": spec.edition in body must be of type integer: "string", spec.bookTitle: Required value]',
    );
    expect(status.details.causes.map((c) => c.field)).toEqual(["spec.topic", "spec.edition", "spec.bookTitle"]);
    const strict = await send("POST", `${books}?fieldValidation=Strict`, book("x", { bookTitle: "x", pages: 3 }));
    expect(strict.status).toBe(400);
    expect(json(strict).message).toBe('Book in version "v1" cannot be handled as a Book: strict decoding error: unknown field "spec.pages"');
    const smp = await send("PATCH", `${books}/ai`, { spec: { edition: 2 } }, { "content-type": "application/strategic-merge-patch+json" });
    expect(smp.status).toBe(415);
    const merged = await send("PATCH", `${books}/ai`, { spec: { edition: 2 } }, { "content-type": "application/merge-patch+json" });
    expect(json<{ spec: unknown; metadata: { generation: number } }>(merged)).toMatchObject({ spec: { edition: 2 }, metadata: { generation: 2 } });
  });

  it("lists as a Table with the printer columns and watches custom objects", async () => {
    const table = await send("GET", books, undefined, { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    const body = json<{ columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] }>(table);
    expect(body.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Title", "Edition"]);
    expect(body.rows.map((r) => r.cells)).toEqual([["ai", "AI Explained", 2]]);
    const watch = await send("GET", `${books}?watch=true&timeoutSeconds=1`);
    const events = watch.text.trim().split("\n").map((line) => JSON.parse(line) as { type: string; object: { kind: string; metadata: { name: string } } });
    expect(events.map((e) => `${e.type} ${e.object.kind}/${e.object.metadata.name}`)).toEqual(["ADDED Book/ai"]);
  });

  it("deletes the custom objects with their CRD, and stops serving the type", async () => {
    expect((await send("POST", books, book("k8s", { bookTitle: "The Kubernetes Book", topic: "kubernetes" }))).status).toBe(201);
    const deleted = await send("DELETE", `${crdPath}/books.nigelpoulton.com`);
    expect(deleted.status).toBe(200);
    expect((await send("GET", `${crdPath}/books.nigelpoulton.com`)).status).toBe(404);
    expect((await send("GET", books)).status).toBe(404);
    const rows = await server.pool.query(`select count(*)::int as n from cluster_objects where "group" = 'nigelpoulton.com'`);
    expect(rows.rows[0]).toEqual({ n: 0 });
    // Created again, the CRD starts empty: nothing of the old objects comes back.
    expect((await send("POST", crdPath, bookCrd)).status).toBe(201);
    expect(json<{ items: unknown[] }>(await send("GET", books)).items).toEqual([]);
  });
});

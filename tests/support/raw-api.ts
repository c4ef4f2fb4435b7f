import { afterAll, beforeAll, expect } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "./api-server";
import { rawClient, type RawClient, type RawResponse } from "./raw-https";

export type RawSendOptions = {
  body?: unknown;
  /** The bearer token; the admin's by default, none at all with null. */
  token?: string | null;
  contentType?: string;
  timeoutMs?: number;
};

export type RawApi = {
  readonly server: TestApiServer;
  readonly admin: TestUser;
  /** One HTTPS request with a JSON body; throws only if no answer came (assert on the status yourself). */
  send: (method: string, path: string, options?: RawSendOptions) => Promise<RawResponse>;
};

/**
 * For a test file that speaks HTTP to the API server byte for byte: the real server over a throwaway database, an
 * admin, a raw HTTPS client, and a namespace of the file's own. Call at the top level of the file.
 */
export function useRawApi(options: { adminEmail: string; namespace: string }): RawApi {
  let server: TestApiServer | undefined;
  let admin: TestUser | undefined;
  let client: RawClient | undefined;

  const api: RawApi = {
    get server() {
      if (!server) throw new Error("useRawApi: the server is not started (used outside a test or hook?)");
      return server;
    },
    get admin() {
      if (!admin) throw new Error("useRawApi: the admin is not created (used outside a test or hook?)");
      return admin;
    },
    send: async (method, path, sendOptions = {}) => {
      if (!client) throw new Error("useRawApi: the client is not open (used outside a test or hook?)");
      const body = sendOptions.body === undefined ? undefined : JSON.stringify(sendOptions.body);
      const result = await client.send({
        method,
        path,
        ...(sendOptions.token === null ? {} : { token: sendOptions.token ?? api.admin.token }),
        headers: body !== undefined ? { "content-type": sendOptions.contentType ?? "application/json" } : {},
        ...(body !== undefined ? { body } : {}),
        ...(sendOptions.timeoutMs !== undefined ? { timeoutMs: sendOptions.timeoutMs } : {}),
      });
      if (result.kind === "failure") throw new Error(`${method} ${path}: ${result.error}`);
      return result;
    },
  };

  beforeAll(async () => {
    server = await startTestApiServer();
    admin = await server.user(options.adminEmail, "ADMIN");
    client = rawClient(server);
    const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: options.namespace } };
    expect((await api.send("POST", "/api/v1/namespaces", { body: namespace })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  return api;
}

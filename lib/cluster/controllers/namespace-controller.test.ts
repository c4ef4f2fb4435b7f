import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/status";
import { namespaceController } from "./namespace-controller";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const gone = (promise: Promise<unknown>) =>
  promise.then(
    () => false,
    (error: unknown) => error instanceof ApiError && error.code === 404,
  );

describe("namespace controller", () => {
  it("empties a Terminating namespace, then lets it go", async () => {
    cluster = await startTestCluster([namespaceController]);
    const { client } = cluster;
    await client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    await client.create("/api/v1/namespaces/shop/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
    await client.create("/api/v1/namespaces/shop/secrets", { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } });
    await client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } });
    await client.create("/api/v1/namespaces/other/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "keep" } });

    await client.delete("/api/v1/namespaces/shop");
    const terminating = await client.get("/api/v1/namespaces/shop");
    expect((terminating.status as { phase: string }).phase).toBe("Terminating");

    await cluster.settle();
    expect(await gone(client.get("/api/v1/namespaces/shop/configmaps/a"))).toBe(true);
    expect(await gone(client.get("/api/v1/namespaces/shop/secrets/s"))).toBe(true);
    expect(await gone(client.get("/api/v1/namespaces/shop"))).toBe(true);
    expect((await client.get("/api/v1/namespaces/other/configmaps/keep")).metadata.name).toBe("keep");
    expect(cluster.errors).toEqual([]);
  });

  it("waits for objects held by finalizers before removing the namespace", async () => {
    cluster = await startTestCluster([namespaceController]);
    const { client } = cluster;
    await client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "held" } });
    await client.create("/api/v1/namespaces/held/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "pinned", finalizers: ["example.com/hold"] },
    });
    await client.delete("/api/v1/namespaces/held");
    await cluster.settle({ advanceTimersUpTo: 5_000 });
    expect((await client.get("/api/v1/namespaces/held")).metadata.deletionTimestamp).toBeDefined();
    expect((await client.get("/api/v1/namespaces/held/configmaps/pinned")).metadata.deletionTimestamp).toBeDefined();

    await client.patch("/api/v1/namespaces/held/configmaps/pinned", { metadata: { finalizers: null } });
    await cluster.settle({ advanceTimersUpTo: 5_000 });
    expect(await gone(client.get("/api/v1/namespaces/held"))).toBe(true);
  });
});

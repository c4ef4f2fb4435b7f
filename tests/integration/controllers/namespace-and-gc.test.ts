import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { startControllerWorker, type TestWorker } from "../../support/controller-worker";
import { kubectl, kubectlBinary } from "../../support/kubectl";

// Real kubectl against the real API, with a real worker process running the controllers over BullMQ.
let server: TestApiServer;
let worker: TestWorker;
let admin: TestUser;
let bin: string;

beforeAll(async () => {
  server = await startTestApiServer();
  worker = startControllerWorker(server.databaseUrl);
  admin = await server.user("admin@test.local", "ADMIN");
  bin = kubectlBinary(35);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await server?.stop();
});

const k = async (...args: string[]) => {
  const result = await kubectl(bin, admin.kubeconfig, args, { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}\n${worker.process.output()}`);
  return result.stdout;
};

describe("controllers in a worker process", () => {
  it("kubectl delete namespace completes: contents are deleted, then the namespace", async () => {
    await k("create", "namespace", "doomed");
    await k("-n", "doomed", "create", "configmap", "a", "--from-literal=k=v");
    await k("-n", "doomed", "create", "secret", "generic", "s", "--from-literal=k=v");
    // kubectl waits (by watching) until the namespace is gone.
    expect(await k("delete", "namespace", "doomed", "--timeout=20s")).toMatch(/namespace "doomed" deleted/);
    const after = await kubectl(bin, admin.kubeconfig, ["get", "namespace", "doomed"]);
    expect(after.stderr).toMatch(/Error from server \(NotFound\): namespaces "doomed" not found/);
  }, 60_000);

  it("cascades deletion through ownerReferences, and orphans on request", async () => {
    await k("create", "namespace", "gc");
    await k("-n", "gc", "create", "configmap", "owner");
    const uid = await k("-n", "gc", "get", "configmap", "owner", "-o", "jsonpath={.metadata.uid}");
    const dependent = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  ownerReferences:
  - apiVersion: v1
    kind: ConfigMap
    name: owner
    uid: ${uid}
`;
    const file = join(admin.kubeconfig, "..", "gc-dependents.yaml");
    writeFileSync(file, `${dependent("child-1")}---\n${dependent("child-2")}`);
    await k("-n", "gc", "apply", "-f", file);
    await k("-n", "gc", "delete", "configmap", "owner", "--cascade=foreground", "--timeout=20s");
    const left = await k("-n", "gc", "get", "configmaps", "-o", "name");
    expect(left).not.toMatch(/child-/);

    await k("-n", "gc", "create", "configmap", "owner");
    const uid2 = await k("-n", "gc", "get", "configmap", "owner", "-o", "jsonpath={.metadata.uid}");
    writeFileSync(file, dependent("kept").replace(uid, uid2));
    await k("-n", "gc", "apply", "-f", file);
    await k("-n", "gc", "delete", "configmap", "owner", "--cascade=orphan", "--timeout=20s");
    const kept = await k("-n", "gc", "get", "configmap", "kept", "-o", "jsonpath={.metadata.ownerReferences}");
    expect(kept.trim()).toBe("");
  }, 60_000);
});

import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";

// Real kubectl against the real API, with a real worker process running the controllers over BullMQ.
const cluster = useControllerCluster({ timeoutMs: 30_000 });
const { k } = cluster;

describe("controllers in a worker process", () => {
  it("kubectl delete namespace completes: contents are deleted, then the namespace", async () => {
    await k("create", "namespace", "doomed");
    await k("-n", "doomed", "create", "configmap", "a", "--from-literal=k=v");
    await k("-n", "doomed", "create", "secret", "generic", "s", "--from-literal=k=v");
    // kubectl waits (by watching) until the namespace is gone.
    expect(await k("delete", "namespace", "doomed", "--timeout=20s")).toMatch(/namespace "doomed" deleted/);
    const after = await cluster.run(["get", "namespace", "doomed"]);
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
    await cluster.apply(`${dependent("child-1")}---\n${dependent("child-2")}`, "gc");
    await k("-n", "gc", "delete", "configmap", "owner", "--cascade=foreground", "--timeout=20s");
    const left = await k("-n", "gc", "get", "configmaps", "-o", "name");
    expect(left).not.toMatch(/child-/);

    await k("-n", "gc", "create", "configmap", "owner");
    const uid2 = await k("-n", "gc", "get", "configmap", "owner", "-o", "jsonpath={.metadata.uid}");
    await cluster.apply(dependent("kept").replace(uid, uid2), "gc");
    await k("-n", "gc", "delete", "configmap", "owner", "--cascade=orphan", "--timeout=20s");
    const kept = await k("-n", "gc", "get", "configmap", "kept", "-o", "jsonpath={.metadata.ownerReferences}");
    expect(kept.trim()).toBe("");
  }, 60_000);
});

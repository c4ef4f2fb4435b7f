import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// The ingress and resource quota controllers end to end: real kubectl 1.35 against the real API, controllers in a
// real worker process. Pods here are played by the test (a scheduler no one runs keeps them off the nodes), so
// their phase is whatever the test writes through /status.
const cluster = useControllerCluster({ timeoutMs: 40_000 });
const { k } = cluster;

const podJson = (name: string) =>
  JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { schedulerName: "played-by-the-test", containers: [{ name: "app", image: "nginx:1.27" }] } });

/** `kubectl describe quota`'s row for a resource: [used, hard]. */
async function quotaRow(namespace: string, resource: string): Promise<string[]> {
  const text = await k("-n", namespace, "describe", "quota", "q");
  const row = text.split("\n").find((line) => line.trim().startsWith(`${resource} `));
  return row?.trim().split(/\s+/).slice(1) ?? [];
}

const untilRow = (namespace: string, resource: string, used: string) =>
  waitFor(async () => ((await quotaRow(namespace, resource))[0] === used ? true : undefined), `${resource} used ${used}`);

describe("ingress and quota controllers in a worker process", () => {
  it("kubectl get ingress shows the class, hosts, address and ports the controller publishes", async () => {
    await k("create", "namespace", "web");
    expect(await k("get", "ingressclass", "nginx")).toMatch(/nginx\s+k8s\.io\/ingress-nginx/);
    await k("-n", "web", "create", "ingress", "shop", "--class=nginx", "--rule=shop.example.com/*=web:80");
    const row = await waitFor(async () => {
      const line = (await k("-n", "web", "get", "ingress", "shop", "--no-headers")).trim();
      return /172\.18\.255\.200/.test(line) ? line : undefined;
    }, "an ADDRESS on the Ingress");
    expect(row).toMatch(/^shop\s+nginx\s+shop\.example\.com\s+172\.18\.255\.200\s+80\s+\S+$/);
    const header = (await k("-n", "web", "get", "ingress")).split("\n")[0] ?? "";
    expect(header.split(/\s+/)).toEqual(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]);
    const events = await k("-n", "web", "get", "events", "--field-selector=involvedObject.name=shop", "-o", "jsonpath={.items[*].reason}");
    expect(events).toContain("Sync");
  }, 60_000);

  it("quota usage goes up with pods and down when they finish or go, and drift is corrected", async () => {
    await k("create", "namespace", "quota");
    await k("-n", "quota", "create", "quota", "q", "--hard=pods=3,services=5");
    await k("-n", "quota", "create", "service", "clusterip", "web", "--tcp=80:8080");
    for (const name of ["a", "b", "c"]) await cluster.run(["-n", "quota", "create", "-f", "-"], { input: podJson(name) }).then((r) => expect(r.stderr).toBe(""));
    expect(await quotaRow("quota", "pods")).toEqual(["3", "3"]);
    const refused = await cluster.run(["-n", "quota", "create", "-f", "-"], { input: podJson("d") });
    expect(refused.stderr).toMatch(/exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3/);

    await k("-n", "quota", "patch", "pod", "a", "--subresource=status", "--type=merge", "-p", '{"status":{"phase":"Succeeded"}}');
    await untilRow("quota", "pods", "2");
    await k("-n", "quota", "delete", "pod", "b", "--wait=true", "--timeout=20s");
    await untilRow("quota", "pods", "1");

    // Usage only the quota controller can put right (admission never measures an already measured quota again).
    // A status edit alone wakes it only when a tracked resource has no usage (as Kubernetes' controller; the rest
    // waits for the periodic resync): the missing figure is measured at once, a figure above what the objects
    // use is lowered once it has held for the controller's settle time (10 s: it may be a charge in flight).
    await k("-n", "quota", "patch", "quota", "q", "--subresource=status", "--type=merge", "-p", '{"status":{"used":{"pods":"3","services":null}}}');
    await untilRow("quota", "services", "1");
    await untilRow("quota", "pods", "1");
    expect(await quotaRow("quota", "pods")).toEqual(["1", "3"]);
    expect(await quotaRow("quota", "services")).toEqual(["1", "5"]);
  }, 90_000);
});

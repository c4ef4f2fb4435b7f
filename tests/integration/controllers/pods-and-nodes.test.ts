import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// The simulated nodes, scheduler and kubelet in a real worker process, seen through real kubectl.
const { k } = useControllerCluster({ timeoutMs: 40_000 });

describe("pods on simulated nodes", () => {
  it("has four Ready nodes, as kind would", async () => {
    const nodes = await waitFor(async () => {
      const out = await k("get", "nodes");
      return (out.match(/ Ready /g) ?? []).length === 4 ? out : undefined;
    }, "four Ready nodes");
    expect(nodes).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    expect(nodes).toMatch(/^kubeclass-control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.34\.0$/m);
    expect(nodes).toMatch(/^kubeclass-worker3\s+Ready\s+<none>\s+\S+\s+v1\.34\.0$/m);
  }, 60_000);

  it("runs a pod: scheduled to a worker, Running and Ready, described with its events", async () => {
    await k("create", "namespace", "apps");
    await k("-n", "apps", "run", "web", "--image=nginx:1.27", "--port=80");
    expect(await k("-n", "apps", "wait", "--for=condition=Ready", "pod/web", "--timeout=30s")).toMatch(/pod\/web condition met/);
    const wide = await k("-n", "apps", "get", "pod", "web", "-o", "wide");
    expect(wide).toMatch(/^web\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.[123]\.\d+\s+kubeclass-worker\d?\s+<none>\s+<none>$/m);
    const described = await k("-n", "apps", "describe", "pod", "web");
    expect(described).toMatch(/^Status:\s+Running$/m);
    const logs = await k("-n", "apps", "logs", "web", "--tail=3");
    expect(logs.trim().split("\n")).toHaveLength(3);
    expect(await k("-n", "apps", "logs", "web")).toMatch(/\[notice\] 1#1: nginx\/1\.27\.0\n/);
    expect(described).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned apps\/web to kubeclass-worker/);
    // kubectl prefixes a kubelet event with the container it is about (involvedObject.fieldPath).
    expect(described).toMatch(/Normal\s+Started\s+\S+\s+kubelet\s+(spec\.containers\{web\}: )?Started container web/);
  }, 60_000);

  it("shows a broken image as ErrImagePull / ImagePullBackOff, and deletes pods (kubectl waits)", async () => {
    await k("-n", "apps", "run", "typo", "--image=ngnix:latest");
    const status = await waitFor(async () => {
      const out = await k("-n", "apps", "get", "pod", "typo", "--no-headers");
      return /ErrImagePull|ImagePullBackOff/.test(out) ? out : undefined;
    }, "an image pull failure");
    expect(status).toMatch(/^typo\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0\s+/);
    expect(await k("-n", "apps", "delete", "pod", "typo", "web", "--timeout=30s")).toMatch(/pod "typo" deleted[\s\S]*pod "web" deleted/);
    expect(await k("-n", "apps", "get", "pods", "-o", "name")).toBe("");
  }, 60_000);

  it("drains a node with kubectl 1.35 (policy/v1 Eviction in protobuf): cordoned, its pods evicted and replaced elsewhere", async () => {
    await k("create", "namespace", "drain");
    await k("-n", "drain", "create", "deployment", "web", "--image=nginx:1.27", "--replicas=6");
    await k("-n", "drain", "rollout", "status", "deployment/web", "--timeout=30s");
    const placement = async () =>
      (await k("-n", "drain", "get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.spec.nodeName}{' '}{.status.phase}{' '}{.metadata.deletionTimestamp}{'\\n'}{end}"))
        .trim()
        .split("\n");
    const node = (await placement())[0]!.split(" ")[0]!;
    const drained = await k("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=30s");
    expect(drained).toMatch(new RegExp(`node/${node} cordoned`));
    expect(drained).toMatch(/evicting pod drain\/web-/);
    expect(drained).toMatch(new RegExp(`node/${node} drained`));
    expect(await k("get", "node", node, "-o", "jsonpath={.spec.unschedulable}")).toBe("true");
    // The Deployment makes up the evicted pods on the other workers.
    await k("-n", "drain", "rollout", "status", "deployment/web", "--timeout=30s");
    const after = await waitFor(async () => {
      const rows = await placement();
      return rows.length === 6 && rows.every((row) => / Running ?$/.test(row)) ? rows : undefined;
    }, "six running pods after the drain").catch(async (error: unknown) => {
      throw new Error(`${String(error)}: ${(await placement()).join(" / ")}`);
    });
    expect(after.filter((row) => row.startsWith(`${node} `))).toEqual([]);
    expect(await k("uncordon", node)).toMatch(new RegExp(`node/${node} uncordoned`));
  }, 90_000);
});

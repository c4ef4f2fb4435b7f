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
});

import { beforeAll, describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// Services end to end: real kubectl 1.35 against the real API (allocation in admission), with the Endpoints,
// EndpointSlice and load balancer controllers running in a real worker process. The pods here are played by
// the test: a scheduler no one runs keeps them off the simulated nodes, and the test writes their status
// (IP, Ready) through /status as a kubelet would.
const cluster = useControllerCluster({ timeoutMs: 40_000 });
const { k } = cluster;
const run = (...args: string[]) => cluster.run(args);
const ks = cluster.inNamespace("svc");

// Registered after the cluster's own beforeAll, so it runs once the cluster is up.
beforeAll(async () => {
  await k("create", "namespace", "svc");
});

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: shop}
spec:
  schedulerName: played-by-the-test
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 8080}]
`;

async function runPod(name: string, ip: string, ready: boolean) {
  const status = { phase: "Running", podIP: ip, podIPs: [{ ip }], conditions: [{ type: "Ready", status: ready ? "True" : "False" }] };
  await ks("patch", "pod", name, "--subresource=status", "--type=merge", "-p", JSON.stringify({ status }));
}

describe("Services with real kubectl and a worker", () => {
  it("allocates cluster IPs and node ports, prints them, and refuses a node port clash in Kubernetes' words", async () => {
    expect(await ks("create", "service", "nodeport", "web", "--tcp=80:8080")).toBe("service/web created\n");
    const table = await ks("get", "svc", "web");
    expect(table).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
    expect(table).toMatch(/^web\s+NodePort\s+10\.(9[6-9]|1[01]\d)\.\d+\.\d+\s+<none>\s+80:(3[0-2]\d{3})\/TCP\s+\d+s$/m);

    await ks("create", "service", "nodeport", "a", "--tcp=80:80", "--node-port=30080");
    const clash = await run("-n", "svc", "create", "service", "nodeport", "b", "--tcp=80:80", "--node-port=30080");
    expect(clash.code).toBe(1);
    expect(clash.stderr.trim()).toBe(
      'error: failed to create NodePort service: Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    // Deleting the holder frees the port.
    await ks("delete", "service", "a");
    await ks("create", "service", "nodeport", "b", "--tcp=80:80", "--node-port=30080");
    expect(await ks("get", "svc", "b", "--no-headers")).toMatch(/^b\s+NodePort\s+\S+\s+<none>\s+80:30080\/TCP\s/);

    expect(await k("get", "svc", "kubernetes", "--no-headers")).toMatch(/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s/);
    expect(await k("-n", "kube-system", "get", "svc", "kube-dns", "--no-headers")).toMatch(
      /^kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP\s/,
    );
    const taken = await run("-n", "svc", "create", "service", "clusterip", "pinned", "--tcp=80:80", "--clusterip=10.96.0.10");
    expect(taken.stderr).toMatch(/spec\.clusterIPs: Invalid value: \[\]string\{"10\.96\.0\.10"\}: failed to allocate IP 10\.96\.0\.10: provided IP is already allocated/);
  }, 60_000);

  it("kubectl expose deployment makes a NodePort Service selecting the deployment's pods", async () => {
    await ks("create", "deployment", "api", "--image=nginx:1.27", "--port=8080", "--replicas=0");
    expect(await ks("expose", "deployment", "api", "--port=80", "--target-port=8080", "--type=NodePort")).toBe("service/api exposed\n");
    const wide = await ks("get", "svc", "api", "-o", "wide", "--no-headers");
    expect(wide).toMatch(/^api\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:3\d{4}\/TCP\s+\S+\s+app=api$/m);
  }, 60_000);

  it("keeps Endpoints and EndpointSlices in step with pod readiness, resolving the named target port", async () => {
    await cluster.apply(["shop-1", "shop-2", "shop-3"].map(pod).join("---\n"), "svc");
    await cluster.apply(`apiVersion: v1
kind: Service
metadata: {name: shop}
spec:
  selector: {app: shop}
  ports: [{port: 80, targetPort: http}]
`, "svc");
    await runPod("shop-1", "10.244.7.11", true);
    await runPod("shop-2", "10.244.7.12", true);
    await runPod("shop-3", "10.244.7.13", false);

    // The controller converges pod by pod, so wait for the state with all three pods seen: the
    // two Ready ones as addresses and the third as a not-ready address.
    await waitFor(async () => {
      const out = await ks("get", "endpoints", "shop", "-o", "jsonpath={.subsets[0].notReadyAddresses[*].ip}");
      return out === "10.244.7.13" ? out : undefined;
    }, "the unready pod among the Endpoints' notReadyAddresses");
    const endpoints = await ks("get", "endpoints", "shop", "--no-headers");
    expect(endpoints).toMatch(/^shop\s+10\.244\.7\.11:8080,10\.244\.7\.12:8080\s+\d+s$/m);

    const slices = await waitFor(async () => {
      const out = await ks("get", "endpointslices", "-l", "kubernetes.io/service-name=shop");
      return /\s10\.244\.7\.11,10\.244\.7\.12,10\.244\.7\.13\s/.test(out) ? out : undefined;
    }, "all three pods in the EndpointSlice");
    expect(slices).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\n/);
    expect(slices).toMatch(/^shop-[a-z0-9]{5}\s+IPv4\s+8080\s+10\.244\.7\.11,10\.244\.7\.12,10\.244\.7\.13\s+\d+s$/m);

    await runPod("shop-3", "10.244.7.13", true);
    await waitFor(async () => {
      const out = await ks("get", "endpoints", "shop", "--no-headers");
      return /10\.244\.7\.11:8080,10\.244\.7\.12:8080,10\.244\.7\.13:8080/.test(out) ? out : undefined;
    }, "the third pod to join once Ready");
    await ks("delete", "pod", "shop-1", "--grace-period=0", "--force");
    await waitFor(async () => {
      const out = await ks("get", "endpointslices", "-l", "kubernetes.io/service-name=shop", "--no-headers");
      return /\s10\.244\.7\.12,10\.244\.7\.13\s/.test(out) ? out : undefined;
    }, "the deleted pod to leave the slice");
  }, 90_000);

  it("gives a LoadBalancer Service an EXTERNAL-IP from the pool, and takes it back when the type changes", async () => {
    await ks("create", "service", "loadbalancer", "lb", "--tcp=80:8080");
    const row = await waitFor(async () => {
      const out = await ks("get", "svc", "lb", "--no-headers");
      return /172\.18\.255\.2\d\d/.test(out) ? out : undefined;
    }, "an external IP");
    expect(row).toMatch(/^lb\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+172\.18\.255\.201\s+80:3\d{4}\/TCP\s+\d+s$/m);
    expect(await ks("describe", "svc", "lb")).toMatch(/Normal\s+EnsuredLoadBalancer\s+\S+\s+service-controller\s+Ensured load balancer/);
    await ks("patch", "svc", "lb", "-p", '{"spec":{"type":"ClusterIP"}}');
    expect(await ks("get", "svc", "lb", "--no-headers")).toMatch(/^lb\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP\s/);
  }, 60_000);
});

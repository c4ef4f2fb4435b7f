import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// Probes and env as the real kubelet handles them, through real kubectl against the worker's simulated kubelet.
const cluster = useControllerCluster({ timeoutMs: 30_000 });
const { k } = cluster;

const deployment = (port: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe:
          httpGet: {port: ${port}, path: /}
          periodSeconds: 1
`;

describe("kubelet probes", () => {
  it("keeps a pod 0/1 while its readiness probe fails, and makes it Ready once the port is fixed", async () => {
    await cluster.apply(deployment(8080));
    const pod = await waitFor(async () => {
      const line = await k("get", "pods", "-l", "app=web", "--no-headers");
      return /\s0\/1\s+Running\s/.test(line) ? line.split(/\s+/)[0] : undefined;
    }, "a running, unready pod");
    const described = await waitFor(async () => {
      const out = await k("describe", "pod", pod ?? "");
      return /Warning\s+Unhealthy\s.*Readiness probe failed: Get "http:\/\/[\d.]+:8080\/": dial tcp [\d.]+:8080: connect: connection refused/.test(out) ? out : undefined;
    }, "the Unhealthy event");
    expect(described).toMatch(/Readiness:\s+http-get http:\/\/:8080\/ delay=0s timeout=1s period=1s #success=1 #failure=3/);
    expect(described).toMatch(/Ready\s+False/);

    await cluster.apply(deployment(80));
    await k("rollout", "status", "deployment/web", "--timeout=30s");
    expect(await k("get", "pods", "-l", "app=web", "--no-headers")).toMatch(/\s1\/1\s+Running\s/);
  }, 90_000);

  it("restarts a container whose liveness probe fails after its file is removed", async () => {
    await cluster.apply(`apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  containers:
  - name: web
    image: busybox
    command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"]
    livenessProbe:
      exec: {command: ["cat", "/tmp/healthy"]}
      periodSeconds: 1
      failureThreshold: 1
`);
    await k("wait", "--for=condition=Ready", "pod/live", "--timeout=30s");
    expect(await k("exec", "live", "--", "cat", "/tmp/healthy")).toBe("");
    expect(await k("get", "pod", "live", "--no-headers")).toMatch(/\s1\/1\s+Running\s+0\s/);
    await k("exec", "live", "--", "rm", "/tmp/healthy");
    const restarted = await waitFor(async () => {
      const line = await k("get", "pod", "live", "--no-headers");
      return /\sRunning\s+1 \(/.test(line) ? line : undefined;
    }, "a restart");
    expect(restarted).toMatch(/^live\s+1\/1\s+Running\s+1 \(/);
    const described = await k("describe", "pod", "live");
    expect(described).toMatch(/Liveness:\s+exec \[cat \/tmp\/healthy\] delay=0s timeout=1s period=1s #success=1 #failure=1/);
    expect(described).toMatch(/Last State:\s+Terminated\s+Reason:\s+Error\s+Exit Code:\s+137/);
    expect(described).toMatch(/Warning\s+Unhealthy\s.*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
    expect(described).toMatch(/Normal\s+Killing\s.*Container web failed liveness probe, will be restarted/);
    // The new container starts with a fresh writable layer: its command created the file again.
    expect(await k("exec", "live", "--", "cat", "/tmp/healthy")).toBe("");
  }, 90_000);
});

describe("env fixed at container start", () => {
  it("keeps the value a container started with after its ConfigMap changes; a replacement pod gets the new one", async () => {
    await k("create", "configmap", "colour", "--from-literal=COLOUR=blue");
    const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: env
spec:
  containers:
  - name: ctr
    image: busybox
    command: ["sh", "-c", "echo colour is $(COLOUR); sleep 3600"]
    envFrom:
    - configMapRef: {name: colour}
`;
    await cluster.apply(manifest);
    await k("wait", "--for=condition=Ready", "pod/env", "--timeout=30s");
    expect(await k("exec", "env", "--", "printenv", "COLOUR")).toBe("blue\n");
    await k("create", "configmap", "colour", "--from-literal=COLOUR=green", "--dry-run=client", "-o", "yaml").then((yaml) => cluster.apply(yaml));
    expect(await k("get", "configmap", "colour", "-o", "jsonpath={.data.COLOUR}")).toBe("green");
    expect(await k("exec", "env", "--", "printenv", "COLOUR")).toBe("blue\n");
    expect(await k("logs", "env")).toBe("colour is blue\n");
    // Nothing of the runtime's record shows in the pod.
    expect(await k("get", "pod", "env", "-o", "yaml")).not.toMatch(/blue/);

    await k("delete", "pod", "env", "--grace-period=1", "--timeout=30s");
    await cluster.apply(manifest);
    await k("wait", "--for=condition=Ready", "pod/env", "--timeout=30s");
    expect(await k("exec", "env", "--", "printenv", "COLOUR")).toBe("green\n");
    expect(await k("logs", "env")).toBe("colour is green\n");
  }, 90_000);
});
